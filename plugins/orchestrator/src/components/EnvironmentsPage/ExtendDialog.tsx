import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  DialogContentText,
  FormControlLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  orchestratorApiRef,
  type EnvironmentRecord,
  type OrchestratorApi,
} from '../../api';
import { ActionDialog, backendMessage, formatDate } from '../shared';
import { durationMs } from './environments';

export type ExtendOutcome = Awaited<
  ReturnType<OrchestratorApi['extendEnvironment']>
>;

const PRESETS = [
  ['4h', '4 hours'],
  ['1d', '1 day'],
  ['3d', '3 days'],
] as const;
const OTHER = 'other';

function validate(duration: string): string | undefined {
  const ms = durationMs(duration);
  if (ms === undefined) {
    return 'Write a number followed by m, h or d, e.g. "36h" or "2d".';
  }
  return ms > 0 ? undefined : 'Choose a duration longer than zero.';
}

/** Moves an ephemeral environment's expiry; beyond its template's maximum lifetime the backend asks for approval. */
export function ExtendDialog(props: {
  environment: EnvironmentRecord;
  onClose: () => void;
  onExtended: (outcome: ExtendOutcome) => void;
}) {
  const { environment, onClose, onExtended } = props;
  const api = useApi(orchestratorApiRef);
  const [choice, setChoice] = useState<string>(PRESETS[0][0]);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const by = choice === OTHER ? typed.trim() : choice;
  const invalid = validate(by);
  // Nothing typed yet is not a mistake; the Extend button stays disabled meanwhile.
  const showError = Boolean(invalid) && by !== '';
  const ms = durationMs(by);
  // The backend adds to what is left (or to now, once expired).
  const from = Math.max(
    Date.now(),
    environment.expiresAt ? new Date(environment.expiresAt).getTime() : 0,
  );
  const until = ms && !invalid ? new Date(from + ms) : undefined;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onExtended(
        await api.extendEnvironment(
          environment.name,
          by,
          reason.trim() || undefined,
        ),
      );
    } catch (e) {
      setError(backendMessage(e));
      setBusy(false);
    }
  };

  return (
    <ActionDialog
      title={`Extend ${environment.name}`}
      titleId="extend-environment-title"
      error={error}
      confirmLabel="Extend"
      busyLabel="Extending…"
      busy={busy}
      confirmDisabled={Boolean(invalid)}
      color="primary"
      onConfirm={submit}
      onClose={onClose}
    >
      <DialogContentText>
        It currently expires on {formatDate(environment.expiresAt)}. Choose how
        much longer to keep it. Beyond its template&apos;s maximum lifetime,
        counted from its creation, the extension waits for approval.
      </DialogContentText>
      <RadioGroup
        aria-label="Keep it for another"
        value={choice}
        onChange={event => setChoice(event.target.value)}
      >
        {PRESETS.map(([value, label]) => (
          <FormControlLabel
            key={value}
            value={value}
            control={<Radio />}
            label={label}
          />
        ))}
        <FormControlLabel value={OTHER} control={<Radio />} label="Other" />
      </RadioGroup>
      {choice === OTHER && (
        <TextField
          id="extend-environment-duration"
          label="Duration"
          placeholder="e.g. 36h"
          value={typed}
          onChange={event => setTyped(event.target.value)}
          error={showError}
          helperText={
            showError ? invalid : 'Minutes, hours or days: 90m, 36h, 2d.'
          }
        />
      )}
      {until && (
        <Typography variant="body2" style={{ marginTop: 16 }}>
          New expiry: {formatDate(until.toISOString())}
        </Typography>
      )}
      <TextField
        id="extend-environment-reason"
        label="Reason"
        placeholder="e.g. the customer demo moved to Thursday"
        value={reason}
        onChange={event => setReason(event.target.value)}
        fullWidth
        multiline
        margin="normal"
        inputProps={{ maxLength: 500 }}
        helperText="Needed beyond the maximum lifetime: the approvers read it."
      />
    </ActionDialog>
  );
}
