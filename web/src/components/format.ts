const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const number = new Intl.NumberFormat('en-US');

/** "Nov 29, 2026" from an ISO timestamp; a dash when absent. */
export function formatTimestamp(value: string | null): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

/** "Nov 29, 2026" from a YYYY-MM-DD date, read as a calendar day (no time-zone shift). */
export function formatDate(value: string | null): string {
  if (!value) return '—';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return dateTime.format(new Date(year, month - 1, day));
}

export function formatNumber(value: number | null): string {
  return value === null ? '—' : number.format(value);
}

/** "front_desk" -> "Front desk". */
export function humanize(value: string): string {
  const spaced = value.replaceAll('_', ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const dateTimeWithTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** "Nov 29, 2026, 8:00 AM" in the browser's time zone; a dash when absent. */
export function formatDateTime(value: string | null): string {
  return value ? dateTimeWithTime.format(new Date(value)) : '—';
}
