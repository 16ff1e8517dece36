import type { FactValue } from '@paved/plugin-scorecards-common';

/** "group:default/payments" -> "payments"; "group:finance/payments" -> "finance/payments". */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '—';
  return ref.replace(/^[a-z]+:/i, '').replace(/^default\//, '');
}

export function formatDate(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** A fact as people read it; `null` is the source saying there is none. */
export function formatFactValue(value: FactValue | undefined): string {
  if (value === undefined) return 'not observed';
  if (value === null) return 'none';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'empty';
  return String(value);
}
