import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { orchestratorApiRef, type EnvironmentRecord } from '../../api';
import { backendMessage } from '../shared';

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
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="destroy-environment-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="destroy-environment-title">Destroy {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Destroying {name} removes the artifacts of every workload deployed to
          it from its delivery target and marks their deployments destroyed.{' '}
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
        {error && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={busy || typed !== name}
          onClick={submit}
        >
          {busy ? 'Destroying…' : 'Destroy'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
