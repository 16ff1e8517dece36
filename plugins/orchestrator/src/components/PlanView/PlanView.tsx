import type { ReactNode } from 'react';
import { useId } from 'react';
import { Box, Typography } from '@material-ui/core';
import type { Plan } from '@paved/plugin-orchestrator-common';
import { ArtifactTree } from './ArtifactTree';
import { PlanSummary } from './PlanSummary';
import { ResourcesTable } from './ResourcesTable';
import { DenyAlert, VerdictGroups } from './Verdicts';

function Section(props: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} mt={3}>
      <Typography id={headingId} variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * A plan: its artifacts as a tree with a YAML viewer, its verdicts by action
 * with how to fix them, and its cost. It sizes to its container, so the
 * deployment history, the approvals page and the scaffolder's review step
 * can show it in a dialog or a card alike.
 */
export function PlanView(props: { plan: Plan }) {
  const { plan } = props;
  return (
    <Box>
      <DenyAlert verdicts={plan.verdicts} />
      <Box mt={2}>
        <PlanSummary plan={plan} />
      </Box>
      <Section title="Guardrails">
        <VerdictGroups verdicts={plan.verdicts} />
      </Section>
      {plan.warnings.length > 0 && (
        <Section title="Plan warnings">
          <ul>
            {plan.warnings.map((warning, index) => (
              <li key={index}>
                <Typography variant="body2">{warning}</Typography>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Resources">
        <ResourcesTable resources={plan.resources} total={plan.cost.perMonth} />
      </Section>
      <Section title="Artifacts">
        {/* A different plan starts over at its own first file. */}
        <ArtifactTree key={plan.hash} artifacts={plan.artifacts} />
      </Section>
    </Box>
  );
}
