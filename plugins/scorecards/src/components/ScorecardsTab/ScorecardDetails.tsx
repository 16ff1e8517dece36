import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  FactSet,
  FactSourceInfo,
  Scorecard,
  ScorecardResult,
} from '@paved/plugin-scorecards-common';
import {
  CheckView,
  formatDate,
  LevelBadge,
  levelTitle,
  LevelView,
  levelViews,
  OutcomeLabel,
} from '../shared';
import { FactList } from './FactList';
import { LevelHistoryChart } from './LevelHistoryChart';

/** One scorecard on the entity's tab: its level, its history, and every check of every level. */
export function ScorecardDetails(props: {
  result: ScorecardResult;
  scorecard: Scorecard | undefined;
  facts: FactSet[];
  sources: Map<string, FactSourceInfo>;
}) {
  const { result, scorecard, facts, sources } = props;
  const title = scorecard?.title ?? result.scorecard;
  const levels = levelViews(result, scorecard);
  return (
    <InfoCard title={title} subheader={scorecard?.description}>
      <Box
        display="flex"
        alignItems="center"
        style={{ gap: 8 }}
        mb={2}
        data-testid={`current-${result.scorecard}`}
      >
        <LevelBadge
          level={result.level}
          title={result.level ? levelTitle(scorecard, result.level) : undefined}
          index={levels.findIndex(l => l.name === result.level)}
        />
        <Typography variant="body2" color="textSecondary">
          evaluated {formatDate(result.evaluatedAt)}
        </Typography>
      </Box>
      <LevelHistoryChart
        entityRef={result.entityRef}
        scorecard={result.scorecard}
        scorecardTitle={title}
        levels={levels}
        evaluatedAt={result.evaluatedAt}
      />
      {levels.map(level => (
        <LevelChecks
          key={level.name}
          scorecardTitle={title}
          level={level}
          facts={facts}
          sources={sources}
        />
      ))}
    </InfoCard>
  );
}

function LevelChecks(props: {
  scorecardTitle: string;
  level: LevelView;
  facts: FactSet[];
  sources: Map<string, FactSourceInfo>;
}) {
  const { scorecardTitle, level, facts, sources } = props;
  return (
    <Box mt={3}>
      <Typography variant="h6">
        {level.title}{' '}
        <Typography variant="body2" color="textSecondary" component="span">
          {level.reached ? 'reached' : 'not reached'}
        </Typography>
      </Typography>
      <Table size="small" aria-label={`${scorecardTitle}: ${level.title}`}>
        <TableHead>
          <TableRow>
            <TableCell style={{ width: 110 }}>Result</TableCell>
            <TableCell>Check</TableCell>
            <TableCell style={{ width: '40%' }}>Facts</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {level.checks.map(check => (
            <TableRow key={check.id} data-testid={`check-${check.id}`}>
              <TableCell>
                <OutcomeLabel outcome={check.result.outcome} />
              </TableCell>
              <TableCell>
                <CheckText check={check} />
              </TableCell>
              <TableCell>
                <FactList
                  names={check.result.facts}
                  facts={facts}
                  sources={sources}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function CheckText({ check }: { check: CheckView }) {
  const { result, threshold } = check;
  return (
    <>
      <Typography variant="body2">
        <strong>{check.title}</strong>
      </Typography>
      {check.description && (
        <Typography variant="body2" color="textSecondary">
          {check.description}
        </Typography>
      )}
      {threshold && (
        <Typography variant="body2" color="textSecondary">
          value {result.value === undefined ? '—' : String(result.value)}, needs{' '}
          {threshold.operator} {threshold.value}
        </Typography>
      )}
      {result.outcome === 'unknown' && (
        <Typography variant="body2" color="textSecondary">
          unknown: {result.reason ?? 'a fact it reads is missing'}
        </Typography>
      )}
      {check.fix && (
        <Typography variant="body2">How to fix: {check.fix}</Typography>
      )}
    </>
  );
}
