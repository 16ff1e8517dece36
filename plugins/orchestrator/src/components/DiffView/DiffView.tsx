import { useId } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import { Box, Chip, Typography, makeStyles } from '@material-ui/core';
import type { ArtifactDiff } from '../../api';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  path: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
  added: {
    borderColor: theme.palette.success.main,
    color: theme.palette.success.dark,
  },
  removed: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.dark,
  },
  changed: {
    borderColor: theme.palette.info.main,
    color: theme.palette.info.dark,
  },
  patch: {
    maxHeight: 480,
    overflow: 'auto',
  },
}));

function summarize(items: ArtifactDiff[]) {
  const counts = (['added', 'removed', 'changed'] as const)
    .map(change => ({
      change,
      count: items.filter(item => item.change === change).length,
    }))
    .filter(({ count }) => count > 0)
    .map(({ change, count }) => `${count} ${change}`);
  const files = items.length === 1 ? 'artifact' : 'artifacts';
  return `${items.length} ${files} differ: ${counts.join(', ')}.`;
}

function ArtifactPatch(props: { item: ArtifactDiff }) {
  const { item } = props;
  const classes = useStyles();
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} mb={3}>
      <div className={classes.header}>
        <Typography
          id={headingId}
          variant="subtitle2"
          component="h4"
          className={classes.path}
        >
          {item.path}
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={item.change}
          className={classes[item.change]}
        />
      </div>
      <Box className={classes.patch}>
        <CodeSnippet text={item.patch} language="diff" />
      </Box>
    </Box>
  );
}

/** What changed between two revisions, artifact by artifact, as YAML diffs. */
export function DiffView(props: { items: ArtifactDiff[] }) {
  const { items } = props;
  if (items.length === 0) {
    return (
      <Typography>
        The two revisions deliver the same artifacts: nothing changed.
      </Typography>
    );
  }
  return (
    <Box>
      <Typography variant="body2" color="textSecondary" paragraph>
        {summarize(items)}
      </Typography>
      {items.map(item => (
        <ArtifactPatch key={item.path} item={item} />
      ))}
    </Box>
  );
}
