import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  Box,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@material-ui/core';
import type {
  Scorecard,
  ScorecardResult,
} from '@paved/plugin-scorecards-common';
import {
  CheckView,
  LevelBadge,
  levelTitle,
  nextSteps,
  OutcomeLabel,
  useEntityScorecards,
} from '../shared';

/** Each scorecard's level on the entity's overview, and what to do to reach the next one. */
export function ScorecardsCard() {
  const { entity, value, loading, error } = useEntityScorecards();
  const entityRoute = useRouteRef(entityRouteRef);
  const tab = `${entityRoute?.(entityRouteParams(entity)) ?? ''}/scorecards`;

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value?.entity) {
    content = (
      <EmptyState
        missing="data"
        title="Not evaluated yet"
        description="The scorecards backend has no results for this entity yet: they appear after its next run, or re-evaluate it on the Scorecards tab."
      />
    );
  } else if (value.entity.results.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No scorecard applies to this entity"
        description="Scorecards apply by kind, type, lifecycle and owner, as the platform team defines them in platform/scorecards/."
      />
    );
  } else {
    content = value.entity.results.map(result => (
      <ScorecardSummary
        key={result.scorecard}
        result={result}
        scorecard={value.scorecards.get(result.scorecard)}
      />
    ));
  }
  return (
    <EntityInfoCard
      title="Scorecards"
      footerActions={<Link to={tab}>All checks</Link>}
    >
      {content}
    </EntityInfoCard>
  );
}

function ScorecardSummary(props: {
  result: ScorecardResult;
  scorecard: Scorecard | undefined;
}) {
  const { result, scorecard } = props;
  const steps = nextSteps(result, scorecard);
  const levelIndex = scorecard?.levels.findIndex(l => l.name === result.level);
  return (
    <Box mb={2} data-testid={`scorecard-${result.scorecard}`}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle1">
          {scorecard?.title ?? result.scorecard}
        </Typography>
        <LevelBadge
          level={result.level}
          title={result.level ? levelTitle(scorecard, result.level) : undefined}
          index={levelIndex}
        />
      </Box>
      {result.nextLevel === null ? (
        <Typography variant="body2" color="textSecondary">
          Highest level reached.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" color="textSecondary">
            To reach {levelTitle(scorecard, result.nextLevel)}:
          </Typography>
          <List dense disablePadding>
            {steps.map(step => (
              <NextStep key={step.id} step={step} />
            ))}
          </List>
        </>
      )}
    </Box>
  );
}

function NextStep({ step }: { step: CheckView }) {
  const { outcome, reason } = step.result;
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemIcon style={{ minWidth: 96 }}>
        <OutcomeLabel outcome={outcome} />
      </ListItemIcon>
      <ListItemText
        primary={step.title}
        secondary={
          <>
            {outcome === 'unknown' && (
              <span style={{ display: 'block' }}>
                unknown: {reason ?? 'a fact it reads is missing'}
              </span>
            )}
            {step.fix && <span style={{ display: 'block' }}>{step.fix}</span>}
          </>
        }
      />
    </ListItem>
  );
}
