import { Fragment, useEffect, useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  Collapse,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { useLocation } from 'react-router-dom';
import type { WorkloadEnvironment } from '../../api';
import {
  formatDate,
  relativeTime,
  shortRef,
  StateChip,
  useWorkloadEnvironments,
} from '../shared';
import { DriftCell } from './DriftCell';
import { HistoryPanel } from './HistoryPanel';

/**
 * The entity's Deployments tab: one row per environment, its history on
 * expanding. Requests are bounded: one for the rows, one drift check per
 * environment, one per page of an expanded history.
 */
export function DeploymentsTab() {
  const { workload, value, loading, error, retry } = useWorkloadEnvironments();
  const { search } = useLocation();
  const [expanded, setExpanded] = useState<string[]>([]);
  const linked = new URLSearchParams(search).get('environment');
  useEffect(() => {
    if (linked) setExpanded(e => (e.includes(linked) ? e : [...e, linked]));
  }, [linked]);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title={`${workload} is not deployed anywhere yet`}
        description="Deploy it from its golden-path template, with the paved:deploy scaffolder action, or through the orchestrator's API; each environment it reaches gets a row here with its history."
      />
    );
  }
  const toggle = (environment: string) =>
    setExpanded(e =>
      e.includes(environment)
        ? e.filter(x => x !== environment)
        : [...e, environment],
    );
  return (
    <InfoCard title={`Where ${workload} runs`} noPadding>
      <Table aria-label="environments">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>Environment</TableCell>
            <TableCell>Revision</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Deployed by</TableCell>
            <TableCell>When</TableCell>
            <TableCell>Drift</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(row => (
            <EnvironmentRow
              key={row.environment}
              workload={workload}
              row={row}
              open={expanded.includes(row.environment)}
              onToggle={() => toggle(row.environment)}
              onChanged={retry}
            />
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

function EnvironmentRow(props: {
  workload: string;
  row: WorkloadEnvironment;
  open: boolean;
  onToggle(): void;
  onChanged(): void;
}) {
  const { workload, row, open } = props;
  const shown = row.current ?? row.latest;
  const newer = row.latest.revision !== shown.revision ? row.latest : undefined;
  return (
    <Fragment>
      <TableRow data-testid={`environment-${row.environment}`}>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`${open ? 'hide' : 'show'} history of ${
              row.environment
            }`}
            onClick={props.onToggle}
          >
            {open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell>{row.environment}</TableCell>
        <TableCell>
          {row.current ? `revision ${row.current.revision}` : 'none in effect'}
          {newer ? ` (revision ${newer.revision} ${newer.state})` : ''}
        </TableCell>
        <TableCell>
          <StateChip state={row.latest.state} />
        </TableCell>
        <TableCell>{shortRef(shown.requestedBy)}</TableCell>
        <TableCell title={formatDate(shown.updatedAt)}>
          {relativeTime(shown.updatedAt)}
        </TableCell>
        <TableCell>
          {row.current ? (
            <DriftCell
              workload={workload}
              environment={row.environment}
              revision={row.current.revision}
            />
          ) : (
            '—'
          )}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell style={{ paddingBottom: 0, paddingTop: 0 }} colSpan={7}>
          <Collapse in={open} timeout="auto" unmountOnExit>
            <HistoryPanel
              workload={workload}
              environment={row.environment}
              current={row.current?.revision}
              latest={`${row.latest.revision}:${row.latest.state}`}
              onChanged={props.onChanged}
            />
          </Collapse>
        </TableCell>
      </TableRow>
    </Fragment>
  );
}
