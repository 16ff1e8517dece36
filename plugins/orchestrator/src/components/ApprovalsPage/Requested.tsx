import { Typography } from '@material-ui/core';
import { shortRef } from '../shared';

/** Who asked and when, and who may decide. */
export function Requested(props: {
  by: string;
  when: string;
  approvers: string[] | undefined;
}) {
  const { by, when, approvers } = props;
  return (
    <>
      <Typography variant="body2">
        Requested by <strong>{shortRef(by)}</strong> {when}
      </Typography>
      <Typography variant="body2" gutterBottom>
        May approve:{' '}
        <strong>
          {approvers?.length ? approvers.map(shortRef).join(', ') : '—'}
        </strong>
      </Typography>
    </>
  );
}
