import { useId, useMemo, useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import { Box, Grid, Typography, makeStyles } from '@material-ui/core';
import { TreeItem, TreeView } from '@material-ui/lab';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { PlanArtifact } from '@paved/plugin-orchestrator-common';
import { fileName, groupArtifacts } from './artifactGroups';

const useStyles = makeStyles(theme => ({
  tree: {
    maxHeight: 480,
    overflow: 'auto',
    paddingRight: theme.spacing(1),
  },
  kind: {
    color: theme.palette.text.secondary,
    marginRight: theme.spacing(1),
  },
  code: {
    maxHeight: 480,
    overflow: 'auto',
  },
}));

// Group nodes share the tree's id space with artifacts, whose ids are their paths.
const GROUP_PREFIX = 'group:';

/** The plan's files by group; the selected one's YAML beside the tree. */
export function ArtifactTree(props: { artifacts: PlanArtifact[] }) {
  const { artifacts } = props;
  const classes = useStyles();
  const headingId = useId();
  const groups = useMemo(() => groupArtifacts(artifacts), [artifacts]);
  const [selected, setSelected] = useState<string | undefined>(
    groups[0]?.artifacts[0]?.path,
  );
  const [expanded, setExpanded] = useState(() =>
    groups.map(group => `${GROUP_PREFIX}${group.id}`),
  );
  const artifact = artifacts.find(a => a.path === selected);

  if (artifacts.length === 0) {
    return <Typography>This plan renders no files.</Typography>;
  }

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <TreeView
          aria-label="Artifacts"
          className={classes.tree}
          defaultCollapseIcon={<ExpandMoreIcon />}
          defaultExpandIcon={<ChevronRightIcon />}
          expanded={expanded}
          onNodeToggle={(_event, nodeIds) => setExpanded(nodeIds)}
          selected={selected ?? ''}
          onNodeSelect={(_event: unknown, nodeId: string) => {
            // Selecting a group only toggles it: the viewer keeps showing a file.
            if (!nodeId.startsWith(GROUP_PREFIX)) setSelected(nodeId);
          }}
        >
          {groups.map(group => (
            <TreeItem
              key={group.id}
              nodeId={`${GROUP_PREFIX}${group.id}`}
              label={`${group.label} (${group.artifacts.length})`}
            >
              {group.artifacts.map(a => (
                <TreeItem
                  key={a.path}
                  nodeId={a.path}
                  title={a.path}
                  label={
                    <Typography variant="body2" noWrap>
                      <span className={classes.kind}>{a.kind}</span>{' '}
                      {fileName(a.path)}
                    </Typography>
                  }
                />
              ))}
            </TreeItem>
          ))}
        </TreeView>
      </Grid>
      <Grid item xs={12} md={8}>
        {artifact && (
          <section aria-labelledby={headingId}>
            <Typography
              id={headingId}
              variant="subtitle2"
              component="h4"
              gutterBottom
            >
              {artifact.path}
            </Typography>
            <Box className={classes.code}>
              <CodeSnippet
                text={artifact.content}
                language="yaml"
                showLineNumbers
                showCopyCodeButton
              />
            </Box>
          </section>
        )}
      </Grid>
    </Grid>
  );
}
