import { ChangeEvent } from 'react';
import { InfoCard } from '@backstage/core-components';
import { Box, TextField, Typography } from '@material-ui/core';
import type { OverviewRow, Scorecard } from '@paved/plugin-scorecards-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { levelColour, levelTitle } from '../shared';
import { levelDistribution, NONE } from './distribution';

/** How many of each team's entities are at each level of the chosen scorecard, stacked per team. */
export function LevelDistributionChart(props: {
  rows: OverviewRow[];
  scorecards: Scorecard[];
  selected: Scorecard;
  onSelect: (scorecard: Scorecard) => void;
}) {
  const { rows, scorecards, selected, onSelect } = props;
  const { series, owners } = levelDistribution(rows, selected);
  const choose = (event: ChangeEvent<{ value: unknown }>) => {
    const scorecard = scorecards.find(s => s.id === event.target.value);
    if (scorecard) onSelect(scorecard);
  };
  const label = (level: string) =>
    level === NONE ? 'No level' : levelTitle(selected, level);

  return (
    <InfoCard title="Levels per team">
      <Box mb={2} maxWidth={320}>
        <TextField
          id="scorecards-chart-scorecard"
          select
          fullWidth
          size="small"
          variant="outlined"
          label="Scorecard"
          value={selected.id}
          onChange={choose}
          SelectProps={{ native: true }}
        >
          {scorecards.map(s => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </TextField>
      </Box>
      {owners.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {selected.title} applies to none of the entities shown.
        </Typography>
      ) : (
        <div role="img" aria-label={`Levels of ${selected.title} per team`}>
          <ResponsiveContainer width="100%" height={300}>
            <BarChart data={owners}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="owner" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {series.map((level, index) => (
                <Bar
                  key={level}
                  name={label(level)}
                  dataKey={(d: { counts: Record<string, number> }) =>
                    d.counts[level]
                  }
                  stackId="levels"
                  fill={levelColour(level === NONE ? null : level, index - 1)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </InfoCard>
  );
}
