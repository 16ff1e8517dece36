import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Button,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Deployment, orchestratorApiRef } from '../../api';
import { formatDate, relativeTime, shortRef, StateChip } from '../shared';
import { DiffDialog, PlanDialog, RollbackDialog } from './dialogs';

export const PAGE_SIZE = 10;

type Open =
  | { kind: 'diff'; from: number; to: number }
  | { kind: 'plan'; deployment: Deployment }
  | { kind: 'rollback'; target: number };

/** Revisions a rollback may return to: delivered once, and not the one in effect. */
const canRollBackTo = (deployment: Deployment, current?: number) =>
  ['delivered', 'rolled-back'].includes(deployment.state) &&
  deployment.revision !== current;

/** One environment's revision history, a page at a time: one request per page. */
export function HistoryPanel(props: {
  workload: string;
  environment: string;
  current?: number;
  /** Changes when the environment's newest revision moves on: the page is fetched again. */
  latest: string;
  onChanged(): void;
}) {
  const { workload, environment, current, latest } = props;
  const api = useApi(orchestratorApiRef);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<Open>();
  const history = useAsyncRetry(
    () =>
      api.listDeployments(workload, {
        environment,
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
      }),
    [api, workload, environment, page, latest],
  );

  const toggle = (revision: number) =>
    setSelected(s =>
      s.includes(revision)
        ? s.filter(r => r !== revision)
        : [...s, revision].slice(-2),
    );

  if (history.loading && !history.value) return <Progress />;
  if (history.error) return <ResponseErrorPanel error={history.error} />;
  const { items, total } = history.value!;
  const [a, b] = [...selected].sort((x, y) => x - y);

  return (
    <Box margin={1}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2">
          History of {environment}: {total} revision{total === 1 ? '' : 's'}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          disabled={selected.length !== 2}
          onClick={() => setOpen({ kind: 'diff', from: a, to: b })}
        >
          {selected.length === 2
            ? `Diff revision ${a} → ${b}`
            : 'Select two revisions to diff'}
        </Button>
      </Box>
      <Table size="small" aria-label={`${environment} revisions`}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>Revision</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>When</TableCell>
            <TableCell>What happened</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(d => (
            <TableRow key={d.id} data-testid={`revision-${d.revision}`}>
              <TableCell padding="checkbox">
                <Checkbox
                  size="small"
                  checked={selected.includes(d.revision)}
                  onChange={() => toggle(d.revision)}
                  inputProps={{ 'aria-label': `select revision ${d.revision}` }}
                />
              </TableCell>
              <TableCell>
                {d.revision}
                {d.revision === current ? ' (in effect)' : ''}
              </TableCell>
              <TableCell>
                <StateChip state={d.state} />
              </TableCell>
              <TableCell>
                {shortRef(d.requestedBy)}
                {d.approvedBy ? `, approved by ${shortRef(d.approvedBy)}` : ''}
              </TableCell>
              <TableCell title={formatDate(d.createdAt)}>
                {relativeTime(d.createdAt)}
              </TableCell>
              <TableCell>
                {d.rollbackOf ? `Rollback to revision ${d.rollbackOf}. ` : ''}
                {d.error ?? d.summary ?? ''}
              </TableCell>
              <TableCell align="right">
                <Button
                  size="small"
                  onClick={() => setOpen({ kind: 'plan', deployment: d })}
                >
                  Plan
                </Button>
                {canRollBackTo(d, current) && (
                  <Button
                    size="small"
                    color="secondary"
                    onClick={() =>
                      setOpen({ kind: 'rollback', target: d.revision })
                    }
                  >
                    Roll back to {d.revision}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {total > PAGE_SIZE && (
        <TablePagination
          component="div"
          count={total}
          page={page}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
          onPageChange={(_e, next) => setPage(next)}
        />
      )}
      {open?.kind === 'diff' && (
        <DiffDialog
          workload={workload}
          environment={environment}
          from={open.from}
          to={open.to}
          onClose={() => setOpen(undefined)}
        />
      )}
      {open?.kind === 'plan' && (
        <PlanDialog
          deployment={open.deployment}
          onClose={() => setOpen(undefined)}
        />
      )}
      {open?.kind === 'rollback' && (
        <RollbackDialog
          workload={workload}
          environment={environment}
          current={current}
          target={open.target}
          onClose={() => setOpen(undefined)}
          onDone={() => {
            setOpen(undefined);
            setSelected([]);
            setPage(0);
            history.retry();
            props.onChanged();
          }}
        />
      )}
    </Box>
  );
}
