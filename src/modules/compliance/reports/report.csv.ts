import { csvCell } from '../../../platform/csv.ts';
import type { ReportData } from './report.data.ts';

/**
 * One CSV file, one header, a `section` column saying what each row is (so a spreadsheet filter splits it):
 * report, sign-off, area-score, practice-score, risk, task, control. Columns a section does not use are empty;
 * `date` is the generation date (report), the signing time (sign-off), the next review (risk), the due date
 * (task) or the next evidence expiry (control).
 */
export const reportCsvColumns = [
  'section',
  'id',
  'name',
  'practice',
  'region',
  'area',
  'score',
  'answered',
  'total',
  'gaps',
  'likelihood',
  'impact',
  'level',
  'status',
  'treatment',
  'owner',
  'date',
  'overdue',
  'detail',
] as const;

type CsvRow = Partial<Record<(typeof reportCsvColumns)[number], string | number | boolean | null>>;

function line(row: CsvRow): string {
  return `${reportCsvColumns.map((column) => csvCell(row[column])).join(',')}\r\n`;
}

/** The report as CSV lines (CRLF), header first; a generator so a large DSO streams. */
export function* reportCsvLines(data: ReportData): Generator<string> {
  const { content } = data;
  yield `${reportCsvColumns.join(',')}\r\n`;
  yield line({
    section: 'report',
    id: data.dso.id,
    name: data.dso.name,
    date: data.generatedAt,
    detail: `sha256 ${data.contentSha256}`,
  });
  const latest = data.signOff.latest;
  if (latest !== null) {
    yield line({
      section: 'sign-off',
      id: latest.id,
      name: latest.signerName,
      date: latest.signedAt,
      status: data.signOff.changedSinceSignOff ? 'changed since sign-off' : 'unchanged since sign-off',
      detail: `${latest.signerTitle}: ${latest.statement} (sha256 ${latest.contentSha256})`,
    });
  }
  const review = new Set(content.review.map((a) => a.id));
  const success = new Set(content.success.map((a) => a.id));
  for (const area of content.areas) {
    const status = [success.has(area.id) ? 'success' : '', review.has(area.id) ? 'review' : '']
      .filter(Boolean)
      .join(' ');
    yield line({
      section: 'area-score',
      id: area.id,
      name: area.title,
      area: area.id,
      ...counts(area),
      status,
    });
  }
  for (const practice of content.practices) {
    const base = {
      section: 'practice-score',
      id: practice.id,
      practice: practice.name,
      region: practice.region,
    };
    yield line({ ...base, area: 'overall', ...counts(practice) });
    for (const [i, area] of content.areas.entries()) {
      yield line({ ...base, area: area.id, score: practice.scores[i] ?? null });
    }
  }
  for (const risk of content.risks) {
    yield line({
      section: 'risk',
      id: risk.id,
      name: risk.title,
      practice: risk.practice ?? 'DSO-wide',
      likelihood: risk.likelihood,
      impact: risk.impact,
      level: risk.level,
      status: risk.status,
      treatment: risk.treatment,
      owner: risk.ownerName,
      date: risk.nextReviewDate,
      detail: `${risk.threat} / ${risk.vulnerability} / ${risk.assetGroup}`,
    });
  }
  for (const task of content.tasks) {
    yield line({
      section: 'task',
      id: task.id,
      name: task.title,
      practice: task.practice ?? 'DSO-wide',
      status: task.status,
      owner: task.ownerName,
      date: task.dueDate,
      overdue: task.overdue,
    });
  }
  for (const control of content.controls) {
    yield line({
      section: 'control',
      id: control.id,
      name: control.title,
      status: control.status,
      date: control.nextExpiry,
      detail: control.reason,
    });
  }
}

function counts(item: { score: number | null; answered: number; total: number; gaps: number }) {
  return { score: item.score, answered: item.answered, total: item.total, gaps: item.gaps };
}

/** The whole CSV as one string (tests and small DSOs). */
export function reportCsv(data: ReportData): string {
  return [...reportCsvLines(data)].join('');
}
