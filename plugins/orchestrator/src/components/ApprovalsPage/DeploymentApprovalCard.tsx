import { useCallback } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import {
  orchestratorApiRef,
  type Decision,
  type Deployment,
  type Plan,
} from '../../api';
import { PlanView } from '../PlanView';
import { relativeTime } from '../shared';
import { backendMessage } from '../shared';
import { DecisionButtons } from './DecisionButtons';
import { Requested } from './Requested';

const consequences = {
  approve: 'Delivery starts as soon as you approve.',
  reject: 'The revision is not delivered; the one in effect stays.',
};

/** Why a plan needs approval: its require-approval verdicts, with how to fix each. */
function ApprovalVerdicts(props: { plan: Plan }) {
  const verdicts = props.plan.verdicts.filter(
    v => v.action === 'require-approval',
  );
  if (verdicts.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The plan has no guardrail verdict asking for approval any more.
      </Typography>
    );
  }
  return (
    <>
      {verdicts.map(verdict => (
        <Box
          key={`${verdict.policy}/${verdict.validation}/${verdict.kind}/${verdict.name}`}
          mb={1}
        >
          <Alert severity="warning">
            <AlertTitle>{verdict.policy}</AlertTitle>
            {verdict.message ?? `${verdict.kind} ${verdict.name} failed`}
            {verdict.fix && (
              <Typography variant="body2">How to fix: {verdict.fix}</Typography>
            )}
          </Alert>
        </Box>
      ))}
    </>
  );
}

/** One deployment waiting for the caller's decision, with the plan that asked for it. */
export function DeploymentApprovalCard(props: {
  deployment: Deployment;
  onDecided: (deployment: Deployment, decision: Decision) => void;
}) {
  const { deployment, onDecided } = props;
  const api = useApi(orchestratorApiRef);
  const plan = useAsync(
    () => api.getPlan(deployment.planHash),
    [api, deployment.planHash],
  );
  const title = `${deployment.workload} → ${deployment.environment}`;
  const decide = useCallback(
    (decision: Decision, comment?: string) =>
      api.decideDeployment(deployment.id, decision, comment),
    [api, deployment.id],
  );
  const decided = useCallback(
    (decision: Decision) => onDecided(deployment, decision),
    [deployment, onDecided],
  );

  let why;
  if (plan.loading) why = <Progress />;
  else if (plan.error) {
    why = (
      <Alert severity="error">
        The plan could not be loaded: {backendMessage(plan.error)}
      </Alert>
    );
  } else if (plan.value) why = <ApprovalVerdicts plan={plan.value} />;

  return (
    <Card component="article" aria-label={title} variant="outlined">
      <CardHeader
        title={title}
        titleTypographyProps={{ component: 'h3', variant: 'h6' }}
        subheader={`revision ${deployment.revision}${
          deployment.rollbackOf
            ? `, a rollback to revision ${deployment.rollbackOf}`
            : ''
        }`}
      />
      <CardContent>
        <Requested
          by={deployment.requestedBy}
          when={relativeTime(deployment.createdAt)}
          approvers={deployment.approvers}
        />
        <Typography variant="subtitle2" component="h4" gutterBottom>
          Why it needs approval
        </Typography>
        {why}
      </CardContent>
      <Accordion
        disabled={!plan.value}
        TransitionProps={{ unmountOnExit: true }}
        elevation={0}
        square
      >
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography>Plan</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Box width="100%">{plan.value && <PlanView plan={plan.value} />}</Box>
        </AccordionDetails>
      </Accordion>
      <CardActions>
        <DecisionButtons
          subject={`${deployment.workload} revision ${deployment.revision} for ${deployment.environment}`}
          consequences={consequences}
          decide={decide}
          onDecided={decided}
        />
      </CardActions>
    </Card>
  );
}
