import { ReactNode, useId } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';

/**
 * The shell of a dialog that asks before it acts: a title, the caller's
 * content, the backend's message when the action failed, and Cancel beside a
 * contained confirm button. While busy, neither button works and the dialog
 * cannot be dismissed.
 */
export function ActionDialog(props: {
  /** Also the dialog's accessible name. */
  title: ReactNode;
  /** The title element's id; one is generated when left out. */
  titleId?: string;
  /** The dialog's own content, above the error. */
  children: ReactNode;
  /** What went wrong, shown as an error below the content. */
  error?: string;
  /** The confirm button's text, e.g. "Destroy". */
  confirmLabel: string;
  /** The confirm button's text while busy, e.g. "Destroying…"; confirmLabel when left out. */
  busyLabel?: string;
  /** The action is under way. */
  busy: boolean;
  /** The input is not valid yet. */
  confirmDisabled?: boolean;
  color: 'primary' | 'secondary';
  maxWidth?: 'xs' | 'sm' | 'md' | 'lg' | 'xl';
  onConfirm: () => void;
  onClose: () => void;
}) {
  const {
    title,
    children,
    error,
    confirmLabel,
    busyLabel,
    busy,
    confirmDisabled = false,
    color,
    maxWidth = 'sm',
    onConfirm,
    onClose,
  } = props;
  const generatedId = useId();
  const titleId = props.titleId ?? generatedId;

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={maxWidth}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        {children}
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
          color={color}
          variant="contained"
          disabled={busy || confirmDisabled}
          onClick={() => onConfirm()}
        >
          {busy && busyLabel ? busyLabel : confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
