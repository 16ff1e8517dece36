import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { LevelHistoryPoint } from '@paved/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { scorecardsApiRef } from '../../api';
import { backendMessage, levelTitle } from '../shared';

/** Enough for months of daily changes; history keeps a point only when the outcome changed. */
const HISTORY_LIMIT = 500;

type Level = { name: string; title: string };

/** Points as the chart plots them: y is the level's rank, 0 for none. */
export function chartPoints(points: LevelHistoryPoint[], levels: Level[]) {
  const ranked = [...levels];
  // A level the scorecard no longer defines still gets a tick of its own.
  for (const point of points) {
    if (point.level !== null && !ranked.some(l => l.name === point.level)) {
      ranked.push({
        name: point.level,
        title: levelTitle(undefined, point.level),
      });
    }
  }
  const data = points.map(point => ({
    time: new Date(point.evaluatedAt).getTime(),
    rank:
      point.level === null
        ? 0
        : ranked.findIndex(level => level.name === point.level) + 1,
  }));
  const ticks = ['No level', ...ranked.map(level => level.title)];
  return { data, ticks };
}

const formatDay = (time: number) => new Date(time).toLocaleDateString();

/** A scorecard's level over time for one entity, as steps: it changes only when an evaluation's outcome does. */
export function LevelHistoryChart(props: {
  entityRef: string;
  scorecard: string;
  scorecardTitle: string;
  levels: Level[];
  /** The latest evaluation: the history is read again when it changes. */
  evaluatedAt: string;
}) {
  const { entityRef, scorecard, scorecardTitle, levels, evaluatedAt } = props;
  const api = useApi(scorecardsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getHistory(entityRef, scorecard, { limit: HISTORY_LIMIT }),
    [api, entityRef, scorecard, evaluatedAt],
  );
  const chart = value ? chartPoints(value, levels) : undefined;

  if (loading) return <Progress />;
  if (error) {
    return (
      <Alert severity="error">
        Could not load the level history: {backendMessage(error)}
      </Alert>
    );
  }
  if (!chart || chart.data.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary">
        No level history yet: the chart appears once the level has been
        evaluated more than once.
      </Typography>
    );
  }
  return (
    <div role="img" aria-label={`Level history of ${scorecardTitle}`}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart
          data={chart.data}
          margin={{ top: 8, right: 24, bottom: 8, left: 24 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatDay}
          />
          <YAxis
            type="number"
            domain={[0, chart.ticks.length - 1]}
            ticks={chart.ticks.map((_, rank) => rank)}
            tickFormatter={(rank: number) => chart.ticks[rank] ?? ''}
            allowDecimals={false}
            width={80}
          />
          <Tooltip
            labelFormatter={time => new Date(Number(time)).toLocaleString()}
            formatter={(rank: number) => [chart.ticks[rank], 'Level']}
          />
          <Line
            type="stepAfter"
            dataKey="rank"
            stroke="#1e88e5"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
