import { useCallback, useState } from 'react';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { Button } from '@material-ui/core';
import type { Decision } from '../../api';
import { DecisionDialog } from './DecisionDialog';

const done: Record<Decision, string> = {
  approve: 'Approved',
  reject: 'Rejected',
};

/** Approve and Reject, each through a dialog with an optional comment. */
export function DecisionButtons(props: {
  subject: string;
  consequences?: Partial<Record<Decision, string>>;
  decide: (decision: Decision, comment?: string) => Promise<unknown>;
  onDecided: (decision: Decision) => void;
}) {
  const { subject, consequences, decide, onDecided } = props;
  const toastApi = useApi(coreApis.toast);
  const [decision, setDecision] = useState<Decision>();

  const submit = useCallback(
    async (comment: string | undefined) => {
      if (!decision) return;
      // A failure propagates to the dialog, which shows it and stays open.
      await decide(decision, comment);
      toastApi.post({
        title: `${done[decision]} ${subject}`,
        status: 'success',
        timeout: 6000,
      });
      setDecision(undefined);
      onDecided(decision);
    },
    [decide, decision, onDecided, subject, toastApi],
  );

  return (
    <>
      <Button
        color="primary"
        variant="contained"
        onClick={() => setDecision('approve')}
      >
        Approve
      </Button>
      <Button
        color="secondary"
        variant="outlined"
        onClick={() => setDecision('reject')}
      >
        Reject
      </Button>
      {decision && (
        <DecisionDialog
          decision={decision}
          subject={subject}
          consequence={consequences?.[decision]}
          onSubmit={submit}
          onClose={() => setDecision(undefined)}
        />
      )}
    </>
  );
}
