import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { questionnaire } from '../questionnaire.ts';
import { type AreaScore, type ReportData, reviewScore, successScore } from './report.data.ts';

type Doc = PDFKit.PDFDocument;

// US Letter with one-inch-ish margins; Helvetica is built into every PDF reader, so no font is embedded.
const page = { width: 612, height: 792, margin: 48 } as const;
const left = page.margin;
const right = page.width - page.margin;
const contentWidth = right - left;
const top = page.margin + 22;
const bottom = page.height - page.margin - 18;
const colors = {
  text: '#1a1b1e',
  muted: '#5c5f66',
  rule: '#ced4da',
  band: '#f1f3f5',
  good: '#2f9e44',
  fair: '#f08c00',
  poor: '#e03131',
  none: '#adb5bd',
} as const;

function scoreColor(score: number | null): string {
  if (score === null) return colors.none;
  if (score >= successScore) return colors.good;
  if (score >= reviewScore) return colors.fair;
  return colors.poor;
}

const scoreText = (score: number | null) => (score === null ? '-' : String(score));

/** Cuts text to fit a width in the current font, with an ellipsis; measuring only when it might not fit. */
function clip(doc: Doc, text: string, width: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  // No Helvetica glyph at these sizes is wider than 9 points, so short texts skip the measuring.
  if (clean.length * 9 < width || doc.widthOfString(clean) <= width) return clean;
  let cut = Math.max(1, Math.floor((clean.length * width) / doc.widthOfString(clean)));
  while (cut > 1 && doc.widthOfString(`${clean.slice(0, cut)}...`) > width) cut -= 1;
  return `${clean.slice(0, cut).trimEnd()}...`;
}

interface Column<T> {
  readonly title: string;
  readonly width: number;
  readonly value: (row: T) => string;
  readonly align?: 'left' | 'right';
  readonly color?: (row: T) => string;
}

const rowHeight = 13;

function tableHeader<T>(doc: Doc, columns: readonly Column<T>[], y: number): number {
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(colors.muted);
  let x = left;
  for (const column of columns) {
    doc.text(clip(doc, column.title, column.width - 4), x, y, {
      width: column.width - 4,
      align: column.align ?? 'left',
      lineBreak: false,
    });
    x += column.width;
  }
  doc
    .moveTo(left, y + 10)
    .lineTo(right, y + 10)
    .lineWidth(0.5)
    .strokeColor(colors.rule)
    .stroke();
  return y + rowHeight;
}

/** Draws rows page after page, repeating the header on each new page. */
function table<T>(doc: Doc, columns: readonly Column<T>[], rows: readonly T[], empty: string): void {
  let y = ensureSpace(doc, rowHeight * 3);
  if (rows.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(9).fillColor(colors.muted).text(empty, left, y);
    doc.moveDown();
    return;
  }
  y = tableHeader(doc, columns, y);
  rows.forEach((row, index) => {
    if (y + rowHeight > bottom) {
      doc.addPage();
      y = tableHeader(doc, columns, top);
    }
    if (index % 2 === 1) doc.rect(left, y - 2, contentWidth, rowHeight).fill(colors.band);
    doc.font('Helvetica').fontSize(7.5);
    let x = left;
    for (const column of columns) {
      doc
        .fillColor(column.color?.(row) ?? colors.text)
        .text(clip(doc, column.value(row), column.width - 4), x, y, {
          width: column.width - 4,
          align: column.align ?? 'left',
          lineBreak: false,
        });
      x += column.width;
    }
    y += rowHeight;
  });
  doc.x = left;
  doc.y = y + 6;
}

function ensureSpace(doc: Doc, height: number): number {
  if (doc.y + height > bottom) doc.addPage();
  return doc.y;
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(14).fillColor(colors.text).text(text, left, doc.y);
  doc.moveDown(0.4);
}

function paragraph(doc: Doc, text: string, options: { color?: string; font?: string } = {}): void {
  doc
    .font(options.font ?? 'Helvetica')
    .fontSize(9.5)
    .fillColor(options.color ?? colors.text)
    .text(text, left, doc.y, { width: contentWidth });
  doc.moveDown(0.4);
}

function cover(doc: Doc, data: ReportData): void {
  doc.rect(0, 0, page.width, 8).fill(colors.good);
  doc.font('Helvetica').fontSize(12).fillColor(colors.muted).text(data.dso.name, left, 150);
  doc
    .font('Helvetica-Bold')
    .fontSize(26)
    .fillColor(colors.text)
    .text('HIPAA Security Risk Analysis', left, 172);
  doc
    .font('Helvetica')
    .fontSize(11)
    .fillColor(colors.muted)
    .text(`Generated ${data.generatedDate} (${data.generatedAt.slice(11, 16)} UTC)`, left, 210)
    .text(scopeLine(data), left, 226)
    .text('Required by 45 CFR 164.308(a)(1)(ii)(A): an accurate and thorough assessment of the', left, 250)
    .text('risks and vulnerabilities to the confidentiality, integrity and availability of ePHI.');
  signOffBlock(doc, data);
}

function scopeLine(data: ReportData): string {
  const practices = data.content.practices.length;
  return data.content.practiceIds === null
    ? `Scope: the whole DSO, ${practices} active practice(s)`
    : `Scope: ${practices} practice(s) of the DSO`;
}

function signOffBlock(doc: Doc, data: ReportData): void {
  const y = 330;
  const latest = data.signOff.latest;
  doc.rect(left, y, contentWidth, 150).lineWidth(1).strokeColor(colors.rule).stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(colors.text)
    .text('Sign-off', left + 14, y + 14);
  if (latest === null) {
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(colors.poor)
      .text('Not yet signed off by the security official.', left + 14, y + 34);
    return;
  }
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(colors.text)
    .text(`Signed off by ${latest.signerName}, ${latest.signerTitle}`, left + 14, y + 34)
    .text(`on ${latest.signedAt.slice(0, 10)} at ${latest.signedAt.slice(11, 16)} UTC`)
    .font('Helvetica-Oblique')
    .text(`"${clip(doc, latest.statement, contentWidth * 3)}"`, left + 14, doc.y + 4, {
      width: contentWidth - 28,
      height: 42,
      ellipsis: true,
    });
  const changed = data.signOff.changedSinceSignOff === true;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(changed ? colors.poor : colors.good)
    .text(
      changed
        ? 'Changed since sign-off: the data differs from what was signed.'
        : 'Unchanged since sign-off: the data is what was signed.',
      left + 14,
      y + 112,
    )
    .font('Helvetica')
    .fontSize(7)
    .fillColor(colors.muted)
    .text(`Signed data SHA-256 ${latest.contentSha256}; current ${data.contentSha256}`, left + 14, y + 128);
}

function summary(doc: Doc, data: ReportData): void {
  const { content } = data;
  heading(doc, 'Executive summary');
  const answered = content.areas.reduce((sum, a) => sum + a.answered, 0);
  const total = content.areas.reduce((sum, a) => sum + a.total, 0);
  const share = total === 0 ? 0 : Math.round((100 * answered) / total);
  const r = content.riskCounts;
  const c = content.controlCounts;
  paragraph(
    doc,
    `${content.practices.length} practice(s) assessed; ${answered} of ${total} practice answers given (${share}%). ` +
      `Risk register: ${content.risks.length} open risk(s): ${r.critical} critical, ${r.high} high, ${r.medium} medium, ${r.low} low. ` +
      `Remediation plan: ${content.tasks.length} task(s) to do, ${data.overdueTasks} overdue. ` +
      `Controls: ${c.ok} ok, ${c.stale} stale, ${c.failing} failing, ${c.not_assessed} not assessed, ${c.not_applicable} not applicable.`,
  );
  paragraph(doc, 'Score per area, DSO-wide (0-100, higher is better):', { font: 'Helvetica-Bold' });
  barChart(doc, content.areas);
}

/** Horizontal bars drawn as vector shapes, with the success and review thresholds marked. */
function barChart(doc: Doc, areas: readonly AreaScore[]): void {
  const labelWidth = 170;
  const chartLeft = left + labelWidth;
  const chartWidth = contentWidth - labelWidth - 40;
  const barHeight = 14;
  const gap = 6;
  const height = areas.length * (barHeight + gap) + 18;
  const y0 = ensureSpace(doc, height + 10);
  areas.forEach((area, i) => {
    const y = y0 + i * (barHeight + gap);
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(colors.text)
      .text(clip(doc, area.title, labelWidth - 8), left, y + 3, { width: labelWidth - 8, lineBreak: false });
    doc.rect(chartLeft, y, chartWidth, barHeight).fill(colors.band);
    const width = ((area.score ?? 0) / 100) * chartWidth;
    if (width > 0) doc.rect(chartLeft, y, width, barHeight).fill(scoreColor(area.score));
    doc
      .font('Helvetica-Bold')
      .fontSize(8.5)
      .fillColor(colors.text)
      .text(scoreText(area.score), chartLeft + chartWidth + 6, y + 3, { width: 30, lineBreak: false });
  });
  const axisY = y0 + areas.length * (barHeight + gap);
  for (const mark of [reviewScore, successScore]) {
    const x = chartLeft + (mark / 100) * chartWidth;
    doc
      .moveTo(x, y0 - 2)
      .lineTo(x, axisY)
      .dash(2, { space: 2 })
      .lineWidth(0.7)
      .strokeColor(colors.muted)
      .stroke()
      .undash();
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor(colors.muted)
      .text(String(mark), x - 10, axisY + 2, { width: 20, align: 'center', lineBreak: false });
  }
  doc.x = left;
  doc.y = axisY + 18;
}

function findings(doc: Doc, data: ReportData): void {
  heading(doc, 'Areas of success');
  paragraph(doc, `Areas scoring at least ${successScore} across the DSO.`, { color: colors.muted });
  if (data.content.success.length === 0) paragraph(doc, 'No area scores that high yet.');
  for (const area of data.content.success) {
    paragraph(doc, `${area.title}: ${area.reason}`, { color: colors.good });
  }
  heading(doc, 'Areas for review');
  paragraph(
    doc,
    `Areas scoring below ${reviewScore}, not yet answered, or with answers showing significant gaps.`,
    { color: colors.muted },
  );
  if (data.content.review.length === 0) paragraph(doc, 'No area needs review.');
  for (const area of data.content.review) {
    paragraph(doc, `${area.title}: ${area.reason}`, {
      color: area.score === null || area.score < reviewScore ? colors.poor : colors.fair,
    });
  }
}

function practiceTable(doc: Doc, data: ReportData): void {
  const prefixes = new Map(questionnaire().areas.map((a) => [a.id, a.prefix]));
  const { areas, practices } = data.content;
  heading(doc, 'Scores per practice');
  paragraph(
    doc,
    `Area columns: ${areas.map((a) => `${prefixes.get(a.id) ?? a.id} ${a.title}`).join('; ')}. A dash means not answered.`,
    { color: colors.muted },
  );
  type Row = (typeof practices)[number];
  const areaWidth = 30;
  const nameWidth = contentWidth - (70 + 46 + 36 + areas.length * areaWidth);
  const columns: Column<Row>[] = [
    { title: 'Practice', width: nameWidth, value: (p) => p.name },
    { title: 'Region', width: 70, value: (p) => p.region ?? '' },
    { title: 'Answered', width: 46, value: (p) => `${p.answered}/${p.total}`, align: 'right' },
    {
      title: 'Overall',
      width: 36,
      value: (p) => scoreText(p.score),
      align: 'right',
      color: (p) => scoreColor(p.score),
    },
    ...areas.map(
      (area, i): Column<Row> => ({
        title: prefixes.get(area.id) ?? area.id,
        width: areaWidth,
        value: (p) => scoreText(p.scores[i] ?? null),
        align: 'right',
        color: (p) => scoreColor(p.scores[i] ?? null),
      }),
    ),
  ];
  table(doc, columns, practices, 'No active practice in scope.');
}

const capital = (text: string | null) => (text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : '');
const initial = (text: string) => text.charAt(0).toUpperCase();

function treatmentText(risk: ReportData['content']['risks'][number]): string {
  if (risk.status === 'proposed') return 'Proposed';
  if (risk.treatment === 'accept' && risk.acceptedUntil) return `Accepted to ${risk.acceptedUntil}`;
  return capital(risk.treatment ?? 'untreated');
}

const levelColor = (level: string) =>
  level === 'critical' ? colors.poor : level === 'high' ? colors.fair : colors.text;

function riskTable(doc: Doc, data: ReportData): void {
  type Row = ReportData['content']['risks'][number];
  heading(doc, 'Risk register');
  const r = data.content.riskCounts;
  paragraph(
    doc,
    `Open and proposed risks by level: ${r.critical} critical, ${r.high} high, ${r.medium} medium, ${r.low} low. ` +
      'Level combines likelihood (L) and impact (I), low, medium or high, on the SRA Tool 3x3 scale.',
    { color: colors.muted },
  );
  const columns: Column<Row>[] = [
    { title: 'Level', width: 40, value: (x) => capital(x.level), color: (x) => levelColor(x.level) },
    { title: 'Risk', width: 164, value: (x) => x.title },
    { title: 'Practice', width: 80, value: (x) => x.practice ?? 'DSO-wide' },
    { title: 'L / I', width: 34, value: (x) => `${initial(x.likelihood)} / ${initial(x.impact)}` },
    { title: 'Treatment', width: 90, value: treatmentText },
    { title: 'Owner', width: 56, value: (x) => x.ownerName ?? '' },
    { title: 'Review', width: contentWidth - 464, value: (x) => x.nextReviewDate ?? '' },
  ];
  table(doc, columns, data.content.risks, 'The risk register has no open risk.');
}

function taskTable(doc: Doc, data: ReportData): void {
  type Row = ReportData['content']['tasks'][number];
  heading(doc, 'Remediation plan');
  paragraph(
    doc,
    `${data.content.tasks.length} task(s) open or in progress, by due date; ${data.overdueTasks} overdue on ${data.generatedDate}.`,
    { color: colors.muted },
  );
  const columns: Column<Row>[] = [
    {
      title: 'Due',
      width: 60,
      value: (t) => t.dueDate,
      color: (t) => (t.overdue ? colors.poor : colors.text),
    },
    { title: 'Task', width: 180, value: (t) => t.title },
    { title: 'Practice', width: 100, value: (t) => t.practice ?? 'DSO-wide' },
    { title: 'Status', width: 60, value: (t) => (t.status === 'in_progress' ? 'In progress' : 'Open') },
    { title: 'Owner', width: 70, value: (t) => t.ownerName ?? '' },
    {
      title: 'Flag',
      width: contentWidth - 470,
      value: (t) => (t.overdue ? 'OVERDUE' : ''),
      color: () => colors.poor,
    },
  ];
  table(doc, columns, data.content.tasks, 'The remediation plan has no open task.');
}

const statusLabels = {
  ok: 'OK',
  stale: 'Stale',
  failing: 'Failing',
  not_assessed: 'Not assessed',
  not_applicable: 'Not applicable',
} as const;

function controlTable(doc: Doc, data: ReportData): void {
  type Row = ReportData['content']['controls'][number];
  heading(doc, 'Control status');
  const c = data.content.controlCounts;
  paragraph(
    doc,
    `${c.ok} ok, ${c.stale} stale (evidence expired), ${c.failing} failing, ${c.not_assessed} not assessed, ` +
      `${c.not_applicable} not applicable. Controls that need attention:`,
    { color: colors.muted },
  );
  const rows = data.content.controls.filter((x) => x.status !== 'ok' && x.status !== 'not_applicable');
  const columns: Column<Row>[] = [
    { title: 'Control', width: 170, value: (x) => x.title },
    {
      title: 'Status',
      width: 70,
      value: (x) => statusLabels[x.status],
      color: (x) => (x.status === 'failing' ? colors.poor : colors.fair),
    },
    { title: 'Why', width: contentWidth - 310, value: (x) => x.reason },
    { title: 'Next expiry', width: 70, value: (x) => x.nextExpiry?.slice(0, 10) ?? '' },
  ];
  table(doc, columns, rows, 'Every applicable control is ok.');
}

function appendix(doc: Doc, data: ReportData): void {
  doc.addPage();
  heading(doc, 'Appendix: method and scoring');
  const q = questionnaire();
  const lines = [
    'This report documents the risk analysis required by the HIPAA Security Rule, 45 CFR 164.308(a)(1)(ii)(A): ' +
      '"Conduct an accurate and thorough assessment of the potential risks and vulnerabilities to the confidentiality, ' +
      'integrity, and availability of electronic protected health information held by the covered entity or business associate." ' +
      'Risk management under 164.308(a)(1)(ii)(B) follows from the risk register and the remediation plan.',
    `Questionnaire: version ${q.version}, ${q.questions.length} questions in the seven areas of the HHS Security Risk Assessment Tool. ` +
      'Answers are given once for the DSO, a region or a practice; a practice inherits the DSO and region answers unless it answers for itself.',
    'Scoring: each answer option scores 0 (in place, or justified not applicable), 1 (minor gaps), 2 (significant gaps) or 3 ' +
      '(not in place or unknown). An area scores 100 x (1 - sum of option scores / (3 x answers)), from 0 to 100, higher is better. ' +
      'The DSO score of an area counts every practice answer; a practice overall score is the answer-weighted mean of its area scores. ' +
      `A gap is an answer scoring 2 or 3. Areas of success score at least ${successScore}; areas for review score below ${reviewScore}, ` +
      'have no answer, or show gaps.',
    'Risks: likelihood and impact (low, medium, high) combine into low, medium, high or critical, as in the SRA Tool. ' +
      'Accepted risks carry a named approver, a reason and an expiry.',
    'Controls: a control is ok while current evidence and its live signals support it, stale when its evidence expired, ' +
      'failing when a signal fails its threshold, and not assessed without evidence.',
    `Sign-off: the security official signs the data of this report. Its SHA-256 (canonical JSON of the scores, findings, ` +
      `risks, tasks and controls, without dates that move by themselves) is ${data.contentSha256}. ` +
      'A later report compares its own hash with the signed one and says whether the data changed since.',
  ];
  for (const line of lines) paragraph(doc, line);
}

/** Header and footer on every page after the cover, with "page N of M", once all pages exist. */
function decorate(doc: Doc, data: ReportData): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    if (i === range.start) continue;
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor(colors.muted)
      .text(`${data.dso.name} - HIPAA Security Risk Analysis`, left, page.margin - 8, {
        width: contentWidth / 2,
        lineBreak: false,
      })
      .text(`Generated ${data.generatedDate}`, left + contentWidth / 2, page.margin - 8, {
        width: contentWidth / 2,
        align: 'right',
        lineBreak: false,
      })
      .text(`Page ${i - range.start + 1} of ${range.count}`, left, page.height - page.margin + 6, {
        width: contentWidth,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = saved;
  }
}

/**
 * Writes the report as a PDF to `out` and resolves when the output finished. Pages are kept until the end only
 * to number them "page N of M"; rows are drawn directly (no per-row layout engine), so 500 practices take seconds.
 */
export async function writeReportPdf(data: ReportData, out: Writable): Promise<void> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top, bottom: page.height - bottom, left, right: page.width - right },
    bufferPages: true,
    info: {
      Title: `HIPAA Security Risk Analysis - ${data.dso.name}`,
      Author: data.dso.name,
      Subject: '45 CFR 164.308(a)(1)(ii)(A) risk analysis',
      CreationDate: new Date(data.generatedAt),
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  doc.pipe(out);
  cover(doc, data);
  doc.addPage();
  summary(doc, data);
  findings(doc, data);
  practiceTable(doc, data);
  riskTable(doc, data);
  taskTable(doc, data);
  controlTable(doc, data);
  appendix(doc, data);
  decorate(doc, data);
  doc.end();
  await finished;
}
