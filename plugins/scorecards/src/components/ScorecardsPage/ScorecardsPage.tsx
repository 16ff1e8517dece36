import { ReactNode, useState } from 'react';
import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Button, Grid } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { downloadCsv, overviewCsv } from './csv';
import { LevelDistributionChart } from './LevelDistributionChart';
import { OverviewFilters } from './OverviewFilters';
import { OverviewTable } from './OverviewTable';
import { OverviewSelection, useOverview } from './useOverview';

const NO_FILTER: OverviewSelection = { owner: [], system: [] };

/** Every entity's level per scorecard, filtered by owner and system, with the levels per team and a CSV export. */
export function ScorecardsPage() {
  const [selection, setSelection] = useState<OverviewSelection>(NO_FILTER);
  const [chartScorecard, setChartScorecard] = useState<string>();
  const { scorecards, rows, loading, error, owners, systems } =
    useOverview(selection);
  const filtered = selection.owner.length > 0 || selection.system.length > 0;

  const exportCsv = () => {
    if (!rows || !scorecards) return;
    const day = new Date().toISOString().slice(0, 10);
    downloadCsv(`scorecards-${day}.csv`, overviewCsv(rows, scorecards));
  };

  let content: ReactNode;
  // A reload keeps the last error until it settles: show progress, not the stale error.
  if (error && !loading) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!rows || !scorecards || error) {
    content = <Progress />;
  } else if (rows.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title={
          filtered
            ? 'No entity matches these filters'
            : 'No entity has been evaluated yet'
        }
        description={
          filtered
            ? 'Choose other owners or systems above.'
            : 'Scorecards are defined in platform/scorecards/; the backend evaluates the entities they apply to on its schedule and whenever one changes.'
        }
      />
    );
  } else {
    const selected =
      scorecards.find(s => s.id === chartScorecard) ?? scorecards[0];
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <OverviewTable
            rows={rows}
            scorecards={scorecards}
            loading={loading}
          />
        </Grid>
        {selected && (
          <Grid item xs={12}>
            <LevelDistributionChart
              rows={rows}
              scorecards={scorecards}
              selected={selected}
              onSelect={s => setChartScorecard(s.id)}
            />
          </Grid>
        )}
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader
        title="All scorecards"
        description="Every evaluated entity and the level it reached on each scorecard."
      >
        <Button
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          disabled={!rows?.length || !scorecards}
          onClick={exportCsv}
        >
          Export CSV
        </Button>
      </ContentHeader>
      <Box mb={2}>
        <OverviewFilters
          selection={selection}
          owners={owners}
          systems={systems}
          onChange={setSelection}
        />
      </Box>
      {content}
    </Content>
  );
}
