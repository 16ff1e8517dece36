import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { DialogContentText, TextField } from '@material-ui/core';
import { orchestratorApiRef, type EnvironmentRecord } from '../../api';
import { ActionDialog, backendMessage } from '../shared';

/** Destroys an ephemeral environment once the user has typed its name. */
export function DestroyDialog(props: {
  environment: EnvironmentRecord;
  /** What runs there, from the inventory, so the user sees what goes. */
  workloads: string[];
  onClose: () => void;
  onDestroyed: (environment: EnvironmentRecord) => void;
}) {
  const { environment, workloads, onClose, onDestroyed } = props;
  const { name } = environment;
  const api = useApi(orchestratorApiRef);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDestroyed(await api.destroyEnvironment(name));
    } catch (e) {
      setError(backendMessage(e));
      setBusy(false);
    }
  };

  return (
    <ActionDialog
      title={`Destroy ${name}?`}
      titleId="destroy-environment-title"
      error={error}
      confirmLabel="Destroy"
      busyLabel="Destroying…"
      busy={busy}
      confirmDisabled={typed !== name}
      color="secondary"
      onConfirm={submit}
      onClose={onClose}
    >
      <DialogContentText>
        Destroying {name} removes the artifacts of every workload deployed to it
        from its delivery target and marks their deployments destroyed.{' '}
        {workloads.length > 0
          ? `Running there now: ${workloads.join(', ')}.`
          : 'No workload runs there now.'}{' '}
        This cannot be undone.
      </DialogContentText>
      <TextField
        id="destroy-environment-confirm"
        label={`Type ${name} to confirm`}
        value={typed}
        onChange={event => setTyped(event.target.value)}
        fullWidth
        autoComplete="off"
        disabled={busy}
      />
    </ActionDialog>
  );
}
