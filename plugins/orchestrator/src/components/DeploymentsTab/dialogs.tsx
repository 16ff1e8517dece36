import { ReactNode, useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { Deployment, orchestratorApiRef } from '../../api';
import { DiffView } from '../DiffView';
import { PlanLoader } from '../PlanView';

function ViewDialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Dialog open onClose={props.onClose} maxWidth="lg" fullWidth>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent dividers>{props.children}</DialogContent>
      <DialogActions>
        {props.actions}
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/** What changed between two revisions, fetched when the dialog opens. */
function RevisionDiff(props: {
  workload: string;
  environment: string;
  from: number;
  to: number;
}) {
  const { workload, environment, from, to } = props;
  const api = useApi(orchestratorApiRef);
  const { value, loading, error } = useAsync(
    () => api.diff(workload, environment, from, to),
    [api, workload, environment, from, to],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return <DiffView items={value ?? []} />;
}

export function DiffDialog(props: {
  workload: string;
  environment: string;
  from: number;
  to: number;
  onClose(): void;
}) {
  return (
    <ViewDialog
      title={`${props.environment}: revision ${props.from} → revision ${props.to}`}
      onClose={props.onClose}
    >
      <RevisionDiff {...props} />
    </ViewDialog>
  );
}

export function PlanDialog(props: { deployment: Deployment; onClose(): void }) {
  const { deployment } = props;
  return (
    <ViewDialog
      title={`Plan of revision ${deployment.revision} in ${deployment.environment}`}
      onClose={props.onClose}
    >
      <PlanLoader hash={deployment.planHash} />
    </ViewDialog>
  );
}

/**
 * Rolling back delivers an earlier plan as a new revision. The dialog shows
 * what will change against the revision in effect before anything happens.
 */
export function RollbackDialog(props: {
  workload: string;
  environment: string;
  current?: number;
  target: number;
  onClose(): void;
  onDone(deployment: Deployment): void;
}) {
  const { workload, environment, current, target } = props;
  const api = useApi(orchestratorApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const rollBack = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const deployment = await api.rollback(workload, environment, target);
      alertApi.post({
        message: `Rolling back ${workload} in ${environment} to revision ${target}: revision ${deployment.revision}`,
        severity: 'success',
        display: 'transient',
      });
      props.onDone(deployment);
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };
  return (
    <ViewDialog
      title={`Roll back ${workload} in ${environment} to revision ${target}?`}
      onClose={props.onClose}
      actions={
        <Button
          color="primary"
          variant="contained"
          disabled={busy}
          onClick={rollBack}
        >
          Roll back
        </Button>
      }
    >
      <Typography paragraph>
        Revision {target}'s plan is delivered again as a new revision
        {current !== undefined
          ? `; revision ${current} is marked rolled-back`
          : ''}
        .
      </Typography>
      {error && <ResponseErrorPanel error={error} />}
      {current !== undefined && current !== target ? (
        <RevisionDiff
          workload={workload}
          environment={environment}
          from={current}
          to={target}
        />
      ) : (
        <Typography>Nothing is in effect to compare with.</Typography>
      )}
    </ViewDialog>
  );
}
