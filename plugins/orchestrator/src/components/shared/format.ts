import type { Money } from '@paved/plugin-orchestrator-common';

/** "1,234.50 USD", or one line per currency. */
export function formatMoney(amounts: Money[] | Money | undefined): string {
  const list = amounts === undefined ? [] : [amounts].flat();
  if (list.length === 0) return '—';
  return list
    .map(
      ({ amount, currency }) =>
        `${amount.toLocaleString('en-US', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        })} ${currency}`,
    )
    .join(' + ');
}

/** "group:default/payments" -> "payments"; "user:default/mei-chen" -> "mei-chen". */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '—';
  return ref.replace(/^[a-z]+:/i, '').replace(/^default\//, '');
}

/** "in 3h 20m", "2d 4h ago". */
export function relativeTime(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  let text = `${mins}m`;
  if (days > 0) text = `${days}d ${hours}h`;
  else if (hours > 0) text = `${hours}h ${mins}m`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

export function formatDate(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}
