/**
 * One CSV cell, RFC 4180: quoted when it holds a comma, a quote, a line break or edge spaces. A text starting with
 * = + - @ (or tab, carriage return) gets a leading single quote so a spreadsheet shows it as text instead of
 * running it as a formula (OWASP CSV injection). Booleans are written yes / no; null and undefined are empty.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
