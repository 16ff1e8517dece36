import type { OverviewRow, Scorecard } from '@paved/plugin-scorecards-common';

type Cell = string | number | null | undefined;

/**
 * A spreadsheet reads a cell starting with one of these as a formula: an
 * entity title like `=HYPERLINK(...)` would run when the export is opened.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. */
export function toCsv(rows: Cell[][]): string {
  return rows
    .map(row => row.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/**
 * The scorecards page's rows as CSV: one column per scorecard, holding the
 * level reached, `none` when the scorecard applies but no level is reached,
 * and nothing when it does not apply.
 */
export function overviewCsv(rows: OverviewRow[], scorecards: Scorecard[]) {
  return toCsv([
    [
      'entity',
      'kind',
      'owner',
      'system',
      ...scorecards.map(s => s.id),
      'evaluated at',
    ],
    ...rows.map(row => [
      row.entityRef,
      row.kind,
      row.owner,
      row.system,
      ...scorecards.map(s =>
        s.id in row.levels ? row.levels[s.id] ?? 'none' : '',
      ),
      row.evaluatedAt,
    ]),
  ]);
}

/** Hands the text to the browser as a file download. */
export function downloadCsv(filename: string, content: string) {
  const url = URL.createObjectURL(
    new Blob([content], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
