/** Timestamps as knex returns them: Dates on PostgreSQL, numbers (or strings) on SQLite. */
export type DbTimestamp = Date | string | number;

export const toIso = (value: DbTimestamp): string =>
  new Date(value).toISOString();

// Well under SQLite's and PostgreSQL's bound-parameter limits for every statement here.
const CHUNK = 200;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
