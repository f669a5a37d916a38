import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { CampaignResults, ResultStats } from './results.schema.ts';

type Doc = PDFKit.PDFDocument;

// US Letter; Helvetica is built into every PDF reader, so no font is embedded.
const page = { width: 612, height: 792, margin: 48 } as const;
const left = page.margin;
const contentWidth = page.width - 2 * page.margin;
const colors = {
  text: '#1a1b1e',
  muted: '#5c5f66',
  band: '#f1f3f5',
  fail: '#e03131',
  report: '#2f9e44',
  rule: '#ced4da',
} as const;

export interface SummaryData {
  readonly dsoName: string;
  readonly scopeLabel: string;
  readonly generatedAt: string;
  readonly results: CampaignResults;
}

const rateText = (rate: number | null) => (rate === null ? '-' : `${rate}%`);

export function resilienceText(stats: ResultStats): string {
  if (stats.sent === 0) return '-';
  if (stats.resilienceRatio === null) return 'no failures';
  return stats.resilienceRatio.toFixed(2);
}

function clip(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text.length;
  while (cut > 1 && doc.widthOfString(`${text.slice(0, cut)}...`) > width) cut -= 1;
  return `${text.slice(0, cut)}...`;
}

function header(doc: Doc, data: SummaryData): void {
  const { campaign } = data.results;
  doc.rect(0, 0, page.width, 8).fill(colors.report);
  doc.font('Helvetica').fontSize(10).fillColor(colors.muted).text(data.dsoName, left, 30);
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor(colors.text)
    .text(`Phishing simulation: ${campaign.name}`, left, 46, { width: contentWidth });
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor(colors.muted)
    .text(
      `${data.scopeLabel}. Launched ${campaign.launchAt.slice(0, 10)}, status ${campaign.status}. ` +
        `Generated ${data.generatedAt.slice(0, 10)} ${data.generatedAt.slice(11, 16)} UTC.`,
      left,
      doc.y + 4,
      { width: contentWidth },
    );
}

function cards(doc: Doc, stats: ResultStats): void {
  const y = doc.y + 14;
  const width = (contentWidth - 3 * 10) / 4;
  const items = [
    { label: 'Fail rate', value: rateText(stats.failRate), note: 'clicked or entered details' },
    { label: 'Report rate', value: rateText(stats.reportRate), note: 'reported the email' },
    { label: 'Miss rate', value: rateText(stats.missRate), note: 'neither failed nor reported' },
    { label: 'Resilience ratio', value: resilienceText(stats), note: 'report rate / fail rate' },
  ];
  items.forEach((item, i) => {
    const x = left + i * (width + 10);
    doc.rect(x, y, width, 62).fill(colors.band);
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(colors.muted)
      .text(item.label, x + 8, y + 8);
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .fillColor(colors.text)
      .text(item.value, x + 8, y + 22, { width: width - 16, lineBreak: false });
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor(colors.muted)
      .text(item.note, x + 8, y + 46);
  });
  doc.x = left;
  doc.y = y + 72;
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(colors.text)
    .text(
      `${stats.sent} of ${stats.recipients} emails sent (${stats.errors} could not be sent). ` +
        `${stats.opened} opened, ${stats.clicked} clicked, ${stats.submitted} entered details, ${stats.reported} reported. ` +
        `${stats.automatedEvents} mail-scanner event(s) were counted apart and never as a failure.`,
      left,
      doc.y,
      { width: contentWidth },
    );
}

/** Two bars per practice: fail rate (red) and report rate (green), 0-100 %. */
function practiceChart(doc: Doc, rows: CampaignResults['byPractice']): void {
  doc.moveDown(1).font('Helvetica-Bold').fontSize(13).fillColor(colors.text).text('By practice', left);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(colors.muted)
    .text('Red: fail rate. Green: report rate. Shared mailboxes are not included.', left, doc.y + 2);
  const labelWidth = 150;
  const chartLeft = left + labelWidth;
  const chartWidth = contentWidth - labelWidth - 60;
  const shown = rows.slice(0, 20);
  let y = doc.y + 8;
  if (shown.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(9).fillColor(colors.muted).text('No recipient yet.', left, y);
    return;
  }
  for (const row of shown) {
    const label = row.practiceName ?? 'No practice';
    doc.font('Helvetica').fontSize(8.5).fillColor(colors.text);
    doc.text(clip(doc, label, labelWidth - 8), left, y + 4, { lineBreak: false });
    const bars = [
      { rate: row.failRate, color: colors.fail },
      { rate: row.reportRate, color: colors.report },
    ];
    bars.forEach((bar, i) => {
      const barY = y + i * 9;
      doc.rect(chartLeft, barY, chartWidth, 8).fill(colors.band);
      const width = ((bar.rate ?? 0) / 100) * chartWidth;
      if (width > 0) doc.rect(chartLeft, barY, width, 8).fill(bar.color);
      doc
        .font('Helvetica')
        .fontSize(7.5)
        .fillColor(colors.text)
        .text(rateText(bar.rate), chartLeft + chartWidth + 6, barY, { lineBreak: false });
    });
    y += 24;
  }
  if (rows.length > shown.length) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(8)
      .fillColor(colors.muted)
      .text(`${rows.length - shown.length} more practice(s) in the CSV export.`, left, y);
    y += 12;
  }
  doc.x = left;
  doc.y = y + 4;
}

/** Advice from the figures: what a practice manager does next. */
export function nextSteps(results: CampaignResults): string[] {
  const { stats } = results;
  const steps: string[] = [];
  if (stats.sent === 0) return ['No email has been sent yet; check back once the campaign is sending.'];
  if (stats.failed > 0) {
    steps.push(
      `Talk with the ${stats.failed} person(s) who clicked or entered details: walk through the red flags of the email together, without blame.`,
    );
  }
  if ((stats.reportRate ?? 0) < 50) {
    steps.push(
      'Show everyone how to report a suspicious email with the report button; a report is the win we count.',
    );
  } else {
    steps.push('Thank the team: most people reported the email. Keep reporting anything suspicious.');
  }
  if (stats.submitted > 0) {
    steps.push(
      'Anyone who entered a password on a real site should change it now and tell the IT lead (no password was stored by this test).',
    );
  }
  const worstRole = [...results.byJobRole]
    .filter((r) => r.failed > 0)
    .sort((a, b) => (b.failRate ?? 0) - (a.failRate ?? 0))[0];
  if (worstRole !== undefined) {
    steps.push(
      `Role with the highest fail rate: ${worstRole.jobRole.replace(/_/g, ' ')} (${rateText(worstRole.failRate)}). Give that group a short refresher.`,
    );
  }
  return steps;
}

function advice(doc: Doc, results: CampaignResults): void {
  if (doc.y > page.height - 200) doc.addPage();
  doc.moveDown(1).font('Helvetica-Bold').fontSize(13).fillColor(colors.text).text('What to do next', left);
  doc.moveDown(0.3);
  for (const step of nextSteps(results)) {
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(colors.text)
      .text(`- ${step}`, left, doc.y, { width: contentWidth });
    doc.moveDown(0.3);
  }
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor(colors.muted)
    .text(
      'Fail rate = people who clicked the link or entered details / emails sent. An open alone is not a failure. ' +
        'Report rate = people who reported / emails sent. Miss rate = people who neither failed nor reported / emails sent. ' +
        'Opened attachments and replies are not tracked yet.',
      left,
      doc.y,
      { width: contentWidth },
    );
}

/** Writes the one- or two-page summary for a practice manager to `out`; resolves when it is written. */
export async function writeSummaryPdf(data: SummaryData, out: Writable): Promise<void> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: page.margin, bottom: page.margin, left, right: page.margin },
    info: {
      Title: `Phishing simulation summary - ${data.results.campaign.name}`,
      Author: data.dsoName,
      CreationDate: new Date(data.generatedAt),
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  doc.pipe(out);
  header(doc, data);
  cards(doc, data.results.stats);
  practiceChart(doc, data.results.byPractice);
  advice(doc, data.results);
  doc.end();
  await finished;
}
