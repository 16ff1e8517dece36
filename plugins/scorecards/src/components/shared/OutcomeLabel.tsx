import { Box, Typography } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import type { CheckOutcome } from '@paved/plugin-scorecards-common';

const looks: Record<
  CheckOutcome,
  { Icon: typeof CheckCircleIcon; colour: string }
> = {
  pass: { Icon: CheckCircleIcon, colour: '#2e7d32' },
  fail: { Icon: CancelIcon, colour: '#c62828' },
  // Grey, not red: an unknown check is a source that could not answer, not a failure.
  unknown: { Icon: HelpOutlineIcon, colour: '#757575' },
};

/** A check's outcome as an icon and its word, so it reads without colour. */
export function OutcomeLabel(props: { outcome: CheckOutcome }) {
  const { outcome } = props;
  const { Icon, colour } = looks[outcome];
  return (
    <Box
      display="inline-flex"
      alignItems="center"
      style={{ gap: 4, color: colour }}
      data-testid={`outcome-${outcome}`}
    >
      <Icon fontSize="small" aria-hidden />
      <Typography variant="body2" component="span">
        {outcome}
      </Typography>
    </Box>
  );
}
