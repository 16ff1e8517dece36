import { useId } from 'react';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type {
  GuardrailAction,
  GuardrailVerdict,
} from '@paved/plugin-orchestrator-common';
import { shortRef } from '../shared';

/** Strongest first: the order a reader has to act in. */
export const ACTIONS: Array<{
  action: GuardrailAction;
  title: string;
  meaning: string;
}> = [
  {
    action: 'deny',
    title: 'Deny',
    meaning: 'The plan cannot be deployed until these are fixed.',
  },
  {
    action: 'require-approval',
    title: 'Require approval',
    meaning: 'Deploying waits until one of the approvers agrees.',
  },
  {
    action: 'warn',
    title: 'Warn',
    meaning: 'The plan deploys, but these are worth fixing.',
  },
  {
    action: 'audit',
    title: 'Audit',
    meaning: 'Recorded for the platform team; nothing to do now.',
  },
];

const useStyles = makeStyles(theme => ({
  label: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  denials: {
    margin: 0,
    paddingLeft: theme.spacing(2),
  },
}));

export function describeObject(verdict: GuardrailVerdict): string {
  const name = verdict.namespace
    ? `${verdict.namespace}/${verdict.name}`
    : verdict.name;
  return `${verdict.kind} ${name}`;
}

/** Why the plan will not deploy, first thing a reader sees. */
export function DenyAlert(props: { verdicts: GuardrailVerdict[] }) {
  const classes = useStyles();
  const denials = props.verdicts.filter(v => v.action === 'deny');
  if (denials.length === 0) return null;
  return (
    <Alert severity="error">
      <AlertTitle>The guardrails refuse this plan</AlertTitle>
      <ul className={classes.denials}>
        {denials.map((verdict, index) => (
          <li key={index}>
            <strong>{verdict.policy}</strong>:{' '}
            {verdict.message ?? `fails on ${describeObject(verdict)}`}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function Verdict(props: { verdict: GuardrailVerdict }) {
  const { verdict } = props;
  const classes = useStyles();
  return (
    <ListItem divider alignItems="flex-start">
      <ListItemText
        disableTypography
        primary={
          <Typography variant="subtitle2" component="div">
            {verdict.policy}{' '}
            <Typography variant="caption" color="textSecondary">
              {verdict.validation}
              {verdict.result === 'error' ? ' (could not be evaluated)' : ''}
            </Typography>
          </Typography>
        }
        secondary={
          <Box>
            <Typography variant="body2" color="textSecondary">
              {describeObject(verdict)}
              {verdict.artifact ? ` in ${verdict.artifact}` : ''}
            </Typography>
            {verdict.message && (
              <Typography variant="body2">{verdict.message}</Typography>
            )}
            {verdict.fix && (
              <Typography variant="body2">
                <span className={classes.label}>How to fix:</span> {verdict.fix}
              </Typography>
            )}
            {verdict.action === 'require-approval' && (
              <Typography variant="body2">
                <span className={classes.label}>Who may approve:</span>{' '}
                {/* The backend asks the platform group when a policy names none. */}
                {shortRef(verdict.approvers ?? 'group:platform')}
              </Typography>
            )}
          </Box>
        }
      />
    </ListItem>
  );
}

function VerdictGroup(props: {
  title: string;
  meaning: string;
  verdicts: GuardrailVerdict[];
}) {
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} mb={2}>
      <Typography id={headingId} variant="subtitle1" component="h4">
        {props.title} ({props.verdicts.length})
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.meaning}
      </Typography>
      <List dense disablePadding>
        {props.verdicts.map((verdict, index) => (
          <Verdict key={index} verdict={verdict} />
        ))}
      </List>
    </Box>
  );
}

/** Every guardrail failure, by action, strongest first, with how to fix it. */
export function VerdictGroups(props: { verdicts: GuardrailVerdict[] }) {
  const { verdicts } = props;
  if (verdicts.length === 0) {
    return (
      <Typography>
        Every guardrail passed: nothing to fix and no approval needed.
      </Typography>
    );
  }
  return (
    <>
      {ACTIONS.map(({ action, title, meaning }) => {
        const group = verdicts.filter(v => v.action === action);
        return group.length === 0 ? null : (
          <VerdictGroup
            key={action}
            title={title}
            meaning={meaning}
            verdicts={group}
          />
        );
      })}
    </>
  );
}
