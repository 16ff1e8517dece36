import { useId, useState } from 'react';
import { DialogContentText, TextField } from '@material-ui/core';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import type { Decision } from '../../api';
import { ActionDialog, backendMessage } from '../shared';

/** The backend's limit (openapi.yaml, requestBodies.Decision). */
export const MAX_COMMENT_LENGTH = 2000;

const verbs: Record<Decision, string> = {
  approve: 'Approve',
  reject: 'Reject',
};

/**
 * Asks for an optional comment and sends the decision. It stays open on
 * failure, with the backend's message, so the approver can read why and
 * decide what to do; the caller closes it on success.
 */
export function DecisionDialog(props: {
  decision: Decision;
  /** What is decided on, e.g. "checkout-service revision 3 for production". */
  subject: string;
  /** What the decision sets off, in a sentence. */
  consequence?: string;
  onSubmit: (comment: string | undefined) => Promise<void>;
  onClose: () => void;
}) {
  const { decision, subject, consequence, onSubmit, onClose } = props;
  const [comment, setComment] = useState('');
  const [{ loading, error }, submit] = useAsyncFn(
    () => onSubmit(comment.trim() || undefined),
    [onSubmit, comment],
  );
  const tooLong = comment.length > MAX_COMMENT_LENGTH;
  const commentId = useId();

  return (
    <ActionDialog
      title={`${verbs[decision]} ${subject}?`}
      error={error && backendMessage(error)}
      confirmLabel={verbs[decision]}
      busy={loading}
      confirmDisabled={tooLong}
      color={decision === 'approve' ? 'primary' : 'secondary'}
      onConfirm={submit}
      onClose={onClose}
    >
      {consequence && <DialogContentText>{consequence}</DialogContentText>}
      <TextField
        id={commentId}
        label="Comment (optional)"
        value={comment}
        onChange={event => setComment(event.target.value)}
        error={tooLong}
        helperText={
          tooLong
            ? `A comment is at most ${MAX_COMMENT_LENGTH} characters; this one has ${comment.length}.`
            : `${comment.length}/${MAX_COMMENT_LENGTH}`
        }
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        disabled={loading}
      />
    </ActionDialog>
  );
}
