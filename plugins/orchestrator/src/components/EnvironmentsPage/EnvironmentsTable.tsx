import { useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { Box, Button, Typography } from '@material-ui/core';
import type { EnvironmentRecord } from '../../api';
import { formatDate, relativeTime, shortRef, StateChip } from '../shared';
import {
  canDestroy,
  canExtend,
  costText,
  EnvironmentUsage,
  isEphemeral,
  isOverCap,
} from './environments';

type Row = EnvironmentRecord & { usage: EnvironmentUsage };

const NO_USAGE: EnvironmentUsage = { cost: [], workloads: [] };

function Expiry({ environment }: { environment: EnvironmentRecord }) {
  const { state, expiresAt, destroyedAt } = environment;
  if (state === 'destroyed' && destroyedAt) {
    return (
      <span title={formatDate(destroyedAt)}>
        destroyed {relativeTime(destroyedAt)}
      </span>
    );
  }
  if (!isEphemeral(environment) || !expiresAt) return <>never</>;
  if (state === 'destroying') return <>being destroyed</>;
  // Past its expiry but still active: the scheduler has yet to remove it.
  const past = new Date(expiresAt).getTime() <= Date.now();
  return (
    <span title={formatDate(expiresAt)}>
      {past ? `expired ${relativeTime(expiresAt)}` : relativeTime(expiresAt)}
    </span>
  );
}

function Cost({ row }: { row: Row }) {
  const over = isOverCap(row, row.usage.cost);
  return (
    <Typography
      variant="body2"
      color={over ? 'error' : 'inherit'}
      title={over ? 'Over its cost cap' : undefined}
    >
      {costText(row, row.usage.cost)}
    </Typography>
  );
}

/** Every environment the filters select, with cost from the inventory and, for ephemeral ones, actions. */
export function EnvironmentsTable(props: {
  environments: EnvironmentRecord[];
  usage: Map<string, EnvironmentUsage>;
  loading: boolean;
  onExtend: (environment: EnvironmentRecord) => void;
  onDestroy: (environment: EnvironmentRecord) => void;
}) {
  const { environments, usage, loading, onExtend, onDestroy } = props;
  // Fresh objects: the table writes its own bookkeeping into each row.
  const rows = useMemo<Row[]>(
    () =>
      environments.map(e => ({ ...e, usage: usage.get(e.name) ?? NO_USAGE })),
    [environments, usage],
  );

  // Stable columns and options: new ones make the table rebuild every row.
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Name',
        field: 'name',
        highlight: true,
      },
      { title: 'Type', field: 'type' },
      { title: 'Template', field: 'template' },
      {
        title: 'Owner',
        field: 'owner',
        render: row => shortRef(row.owner),
      },
      {
        title: 'State',
        field: 'state',
        render: row => <StateChip state={row.state} />,
      },
      {
        title: 'Created',
        field: 'createdAt',
        render: row => (
          <>
            {shortRef(row.createdBy)}
            <Typography
              variant="body2"
              color="textSecondary"
              title={formatDate(row.createdAt)}
            >
              {relativeTime(row.createdAt)}
            </Typography>
          </>
        ),
      },
      {
        title: 'Expires',
        field: 'expiresAt',
        render: row => <Expiry environment={row} />,
      },
      {
        title: 'Monthly cost',
        sorting: false,
        render: row => <Cost row={row} />,
      },
      {
        title: 'Actions',
        sorting: false,
        render: row => (
          <Box display="flex" style={{ gap: 8 }}>
            {canExtend(row) && (
              <Button
                size="small"
                variant="outlined"
                aria-label={`Extend ${row.name}`}
                onClick={() => onExtend(row)}
              >
                Extend
              </Button>
            )}
            {canDestroy(row) && (
              <Button
                size="small"
                variant="outlined"
                color="secondary"
                aria-label={`Destroy ${row.name}`}
                onClick={() => onDestroy(row)}
              >
                Destroy
              </Button>
            )}
          </Box>
        ),
      },
    ],
    [onExtend, onDestroy],
  );
  const options = useMemo(
    () => ({
      padding: 'dense' as const,
      search: true,
      paging: rows.length > 20,
      pageSize: 20,
      emptyRowsWhenPaging: false,
    }),
    [rows.length],
  );

  return (
    <Table<Row>
      title={`${rows.length} environment${rows.length === 1 ? '' : 's'}`}
      columns={columns}
      data={rows}
      isLoading={loading}
      options={options}
    />
  );
}
