import type { ResultStats } from '../../api/phishing-results.ts';

export function rateText(rate: number | null): string {
  return rate === null ? '-' : `${rate}%`;
}

/** Report rate ÷ fail rate; "∞" when people reported and nobody failed. */
export function resilienceText(stats: ResultStats): string {
  if (stats.sent === 0) return '-';
  if (stats.resilienceRatio === null) return stats.reported > 0 ? '∞' : '-';
  return stats.resilienceRatio.toFixed(2);
}

export function durationText(seconds: number | null): string {
  if (seconds === null) return 'no report yet';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const hours = Math.floor(seconds / 3600);
  return `${hours} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function dateTimeText(iso: string | null): string {
  if (iso === null) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const jobRoleLabels: Record<string, string> = {
  dentist: 'Dentist',
  hygienist: 'Hygienist',
  assistant: 'Assistant',
  front_desk: 'Front desk',
  office_manager: 'Office manager',
  billing: 'Billing',
  it: 'IT',
  executive: 'Executive',
  other: 'Other',
};

export const resultLabels: Record<string, string> = {
  error: 'Error sending',
  reported: 'Reported',
  submitted: 'Submitted data',
  clicked: 'Clicked link',
  opened: 'Opened',
  sent: 'Sent',
  scheduled: 'Scheduled',
  sending: 'Sending',
  cancelled: 'Cancelled',
};

export const resultColors: Record<string, string> = {
  error: 'gray',
  reported: 'green',
  submitted: 'red',
  clicked: 'orange',
  opened: 'yellow',
  sent: 'blue',
};
