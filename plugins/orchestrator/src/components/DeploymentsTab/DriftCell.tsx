import { useApi } from '@backstage/frontend-plugin-api';
import { Tooltip, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../../api';

/**
 * Drift of one environment, asked of its delivery target: one request per
 * environment row, never per revision.
 */
export function DriftCell(props: {
  workload: string;
  environment: string;
  revision: number;
}) {
  const { workload, environment, revision } = props;
  const api = useApi(orchestratorApiRef);
  const { value, loading, error } = useAsync(
    () => api.drift(workload, environment),
    [api, workload, environment, revision],
  );
  if (loading) return <Typography variant="body2">checking…</Typography>;
  if (error) {
    return (
      <Tooltip title={error.message}>
        <Typography variant="body2" color="error">
          unknown
        </Typography>
      </Tooltip>
    );
  }
  if (!value?.supported) {
    return (
      <Tooltip
        title={`The ${value?.target} target is its own source of truth; drift is checked by the tool that syncs it.`}
      >
        <Typography variant="body2" color="textSecondary">
          not tracked
        </Typography>
      </Tooltip>
    );
  }
  if (!value.drifted) return <Typography variant="body2">in sync</Typography>;
  const changed = value.objects.filter(o => o.state !== 'in-sync');
  return (
    <Tooltip
      title={changed
        .map(
          o =>
            `${o.kind} ${o.name}: ${o.state}${
              o.fields ? ` (${o.fields.join(', ')})` : ''
            }`,
        )
        .join('; ')}
    >
      <Typography variant="body2" color="error">
        drifted: {changed.length} object{changed.length === 1 ? '' : 's'}
      </Typography>
    </Tooltip>
  );
}
