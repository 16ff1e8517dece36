import { Box, Typography } from '@material-ui/core';
import type { FactSet, FactSourceInfo } from '@paved/plugin-scorecards-common';
import { formatDate, formatFactValue } from '../shared';

/** The facts a check reads (`source.fact`), with their value, source, when they were observed and whether that is stale. */
export function FactList(props: {
  names: string[];
  facts: FactSet[];
  sources: Map<string, FactSourceInfo>;
}) {
  const { names, facts, sources } = props;
  if (names.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  return (
    <>
      {names.map(name => {
        const dot = name.indexOf('.');
        const source = dot < 0 ? name : name.slice(0, dot);
        const fact = dot < 0 ? '' : name.slice(dot + 1);
        const set = facts.find(s => s.source === source);
        const value = set && fact in set.facts ? set.facts[fact] : undefined;
        return (
          <Box key={name} mb={1} data-testid={`fact-${name}`}>
            <Typography variant="body2">
              <code>{name}</code> = {formatFactValue(value)}
            </Typography>
            <Typography variant="caption" color="textSecondary" component="p">
              {sources.get(source)?.title ?? source}
              {set ? `, observed ${formatDate(set.observedAt)}` : ''}
            </Typography>
            {set?.stale && (
              <Typography variant="caption" color="error" component="p">
                stale: {set.stale.error}
              </Typography>
            )}
          </Box>
        );
      })}
    </>
  );
}
