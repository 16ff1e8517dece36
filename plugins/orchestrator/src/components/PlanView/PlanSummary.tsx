import type { ReactNode } from 'react';
import { Box, Chip, Grid, Typography, makeStyles } from '@material-ui/core';
import type { Plan } from '@paved/plugin-orchestrator-common';
import { formatMoney } from '../shared';
import { ACTIONS } from './Verdicts';

const useStyles = makeStyles(theme => ({
  chip: {
    marginRight: theme.spacing(0.5),
    marginBottom: theme.spacing(0.5),
  },
  deny: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.main,
  },
}));

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

/** What the plan is for, what it costs, and how the guardrails judged it, at a glance. */
export function PlanSummary(props: { plan: Plan }) {
  const { plan } = props;
  const classes = useStyles();
  return (
    <Box component="section" aria-label="Summary">
      <Grid container spacing={1}>
        <Field label="Workload">{plan.workload}</Field>
        <Field label="Environment">
          {plan.environment.name} ({plan.environment.type})
        </Field>
        <Field label="Namespace">{plan.namespace}</Field>
        <Field label="Cost per month">{formatMoney(plan.cost.perMonth)}</Field>
        {plan.cost.environmentPerMonth && (
          <Field label="Environment per month, with this plan">
            {formatMoney(plan.cost.environmentPerMonth)}
          </Field>
        )}
        <Field label="Guardrail verdicts">
          {ACTIONS.map(({ action }) => {
            const count = plan.verdicts.filter(v => v.action === action).length;
            return (
              <Chip
                key={action}
                size="small"
                variant="outlined"
                label={`${count} ${action}`}
                className={`${classes.chip} ${
                  action === 'deny' && count > 0 ? classes.deny : ''
                }`}
              />
            );
          })}
        </Field>
        <Field label="Plan hash">
          <code title={plan.hash}>{plan.hash.slice(0, 12)}</code>
        </Field>
      </Grid>
    </Box>
  );
}
