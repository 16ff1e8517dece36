import { useMemo } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import type { OverviewRow, Scorecard } from '@paved/plugin-scorecards-common';
import { formatDate, LevelBadge, levelTitle, shortRef } from '../shared';

type Row = OverviewRow & { name: string };

/** Every entity the filters select, with its level per scorecard; each links to its entity page. */
export function OverviewTable(props: {
  rows: OverviewRow[];
  scorecards: Scorecard[];
  loading: boolean;
}) {
  const { rows, scorecards, loading } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  // Fresh objects: the table writes its own bookkeeping into each row.
  const data = useMemo<Row[]>(
    () =>
      rows.map(row => ({
        ...row,
        name: row.title ?? parseEntityRef(row.entityRef).name,
      })),
    [rows],
  );

  // Stable columns: new ones make the table rebuild every row.
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Entity',
        field: 'name',
        highlight: true,
        render: row =>
          entityRoute ? (
            <Link to={entityRoute(entityRouteParams(row.entityRef))}>
              {row.name}
            </Link>
          ) : (
            row.name
          ),
      },
      { title: 'Kind', field: 'kind' },
      { title: 'Owner', field: 'owner', render: row => shortRef(row.owner) },
      { title: 'System', field: 'system', render: row => shortRef(row.system) },
      ...scorecards.map(
        (scorecard): TableColumn<Row> => ({
          title: scorecard.title,
          sorting: false,
          render: row => {
            if (!(scorecard.id in row.levels)) {
              return (
                <Typography
                  variant="body2"
                  color="textSecondary"
                  title="This scorecard does not apply"
                >
                  —
                </Typography>
              );
            }
            const level = row.levels[scorecard.id];
            return (
              <LevelBadge
                level={level}
                title={level ? levelTitle(scorecard, level) : undefined}
                index={scorecard.levels.findIndex(l => l.name === level)}
              />
            );
          },
        }),
      ),
      {
        title: 'Evaluated',
        field: 'evaluatedAt',
        render: row => formatDate(row.evaluatedAt),
      },
    ],
    [entityRoute, scorecards],
  );
  const options = useMemo(
    () => ({
      padding: 'dense' as const,
      // The owner and system filters choose the rows, so the export matches what is listed.
      search: false,
      paging: data.length > 50,
      pageSize: 50,
      emptyRowsWhenPaging: false,
    }),
    [data.length],
  );

  return (
    <Table<Row>
      title={`${data.length} entit${data.length === 1 ? 'y' : 'ies'}`}
      columns={columns}
      data={data}
      isLoading={loading}
      options={options}
    />
  );
}
