import { Chip } from '@material-ui/core';
import type {
  DeploymentState,
  EnvironmentState,
} from '@paved/plugin-orchestrator-common';

type State = DeploymentState | EnvironmentState | 'approved';

const colours: Record<State, 'default' | 'primary' | 'secondary'> = {
  delivered: 'primary',
  active: 'primary',
  approved: 'primary',
  'pending-approval': 'secondary',
  delivering: 'secondary',
  destroying: 'secondary',
  failed: 'secondary',
  rejected: 'default',
  'rolled-back': 'default',
  destroyed: 'default',
};

/** A deployment's or an environment's state, as a small badge. */
export function StateChip(props: { state: State }) {
  const { state } = props;
  return (
    <Chip
      size="small"
      label={state}
      color={colours[state] ?? 'default'}
      variant={state === 'failed' ? 'default' : 'outlined'}
      style={state === 'failed' ? { background: '#d32f2f', color: '#fff' } : {}}
      data-testid={`state-${state}`}
    />
  );
}
