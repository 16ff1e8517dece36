import { useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { backendMessage, formatDate, useEntityScorecards } from '../shared';
import { ScorecardDetails } from './ScorecardDetails';

/** The entity's Scorecards tab: every check with its facts, the level history, and a way to evaluate now. */
export function ScorecardsTab() {
  const { entityRef, value, loading, error, refresh } = useEntityScorecards();
  const [busy, setBusy] = useState(false);
  const [refreshError, setRefreshError] = useState<string>();

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const reevaluate = async () => {
    setBusy(true);
    setRefreshError(undefined);
    try {
      await refresh();
    } catch (e) {
      setRefreshError(backendMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const reevaluateButton = (
    <Button
      variant="outlined"
      color="primary"
      disabled={busy}
      onClick={reevaluate}
    >
      {busy ? 'Re-evaluating…' : 'Re-evaluate'}
    </Button>
  );

  const evaluated = value?.entity;
  let content;
  if (!evaluated) {
    content = (
      <EmptyState
        missing="data"
        title="Not evaluated yet"
        description={`The scorecards backend has no results for ${entityRef} yet. They appear after its next run; re-evaluate to see them now.`}
      />
    );
  } else if (evaluated.results.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No scorecard applies to this entity"
        description="Scorecards apply by kind, type, lifecycle and owner, as the platform team defines them in platform/scorecards/."
      />
    );
  } else {
    content = (
      <Grid container spacing={3}>
        {evaluated.results.map(result => (
          <Grid item xs={12} key={result.scorecard}>
            <ScorecardDetails
              result={result}
              scorecard={value.scorecards.get(result.scorecard)}
              facts={evaluated.facts}
              sources={value.sources}
            />
          </Grid>
        ))}
      </Grid>
    );
  }

  const latest = evaluated?.results
    .map(r => r.evaluatedAt)
    .sort()
    .at(-1);
  return (
    <>
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        {reevaluateButton}
        {latest && (
          <Typography variant="body2" color="textSecondary">
            Last evaluated {formatDate(latest)}
          </Typography>
        )}
      </Box>
      {refreshError && (
        <Box mb={2}>
          <Alert severity="error">Re-evaluating failed: {refreshError}</Alert>
        </Box>
      )}
      {content}
    </>
  );
}
