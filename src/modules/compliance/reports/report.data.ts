import { createHash } from 'node:crypto';
import type { Heatmap } from '../assessment/index.ts';

/** An area scoring at least this (0-100) is an area of success. */
export const successScore = 85;
/** An area scoring below this, or with significant gaps, is an area for review. */
export const reviewScore = 70;

export const riskLevels = ['critical', 'high', 'medium', 'low'] as const;
export const controlStatuses = ['ok', 'stale', 'failing', 'not_assessed', 'not_applicable'] as const;
export type ControlStatus = (typeof controlStatuses)[number];

export interface RiskInput {
  readonly id: string;
  readonly practiceId: string | null;
  readonly title: string;
  readonly threat: string;
  readonly vulnerability: string;
  readonly assetGroup: string;
  readonly likelihood: string;
  readonly impact: string;
  readonly level: string;
  readonly status: string;
  readonly treatment: string | null;
  readonly residualLevel: string | null;
  readonly ownerName: string | null;
  readonly nextReviewDate: string | null;
  readonly acceptedUntil: string | null;
}

export interface TaskInput {
  readonly id: string;
  readonly practiceId: string | null;
  readonly title: string;
  readonly status: string;
  readonly dueDate: string;
  readonly ownerName: string | null;
}

export interface ControlInput {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly status: ControlStatus;
  readonly reason: string;
  readonly nextExpiry: string | null;
}

export interface SignOffView {
  readonly id: string;
  readonly signerName: string;
  readonly signerTitle: string;
  readonly statement: string;
  readonly contentSha256: string;
  readonly signedAt: string;
}

/** Everything the report is built from, already loaded and narrowed to the caller's scope. */
export interface ReportInput {
  readonly dso: { readonly id: string; readonly name: string };
  /** ISO timestamp of generation (from the clock). */
  readonly generatedAt: string;
  /** Null for the whole DSO; otherwise the practices the report covers. */
  readonly practiceIds: readonly string[] | null;
  readonly heatmap: Heatmap;
  readonly regionNames: ReadonlyMap<string, string>;
  readonly practiceNames: ReadonlyMap<string, string>;
  readonly risks: readonly RiskInput[];
  readonly tasks: readonly TaskInput[];
  readonly controls: readonly ControlInput[];
  readonly latestSignOff: SignOffView | null;
}

export interface AreaScore {
  readonly id: string;
  readonly title: string;
  readonly questions: number;
  readonly answered: number;
  readonly total: number;
  readonly gaps: number;
  readonly score: number | null;
}

export interface PracticeScore {
  readonly id: string;
  readonly name: string;
  readonly region: string | null;
  readonly answered: number;
  readonly total: number;
  readonly gaps: number;
  /** Answer-weighted mean of the area scores; null when nothing is answered. */
  readonly score: number | null;
  /** Index-aligned with `areas`. */
  readonly scores: readonly (number | null)[];
}

export interface AreaFinding {
  readonly id: string;
  readonly title: string;
  readonly score: number | null;
  readonly gaps: number;
  readonly reason: string;
}

export interface ReportRisk extends RiskInput {
  readonly practice: string | null;
}

export interface ReportTask extends TaskInput {
  readonly practice: string | null;
  /** Due before the report's date and not done: flagged, and left out of the signed hash (it moves with time). */
  readonly overdue: boolean;
}

/** The substance of the report: what a sign-off vouches for, hashed as canonical JSON. */
export interface ReportContent {
  readonly dsoId: string;
  readonly practiceIds: readonly string[] | null;
  readonly areas: readonly AreaScore[];
  readonly practices: readonly PracticeScore[];
  readonly success: readonly AreaFinding[];
  readonly review: readonly AreaFinding[];
  readonly risks: readonly ReportRisk[];
  readonly riskCounts: Readonly<Record<(typeof riskLevels)[number], number>>;
  readonly tasks: readonly ReportTask[];
  readonly controls: readonly ControlInput[];
  readonly controlCounts: Readonly<Record<ControlStatus, number>>;
}

export interface ReportData {
  readonly dso: { readonly id: string; readonly name: string };
  readonly generatedAt: string;
  readonly generatedDate: string;
  readonly content: ReportContent;
  /** SHA-256 of the canonical JSON of `content` without the date-dependent overdue flags. */
  readonly contentSha256: string;
  readonly signOff: {
    readonly latest: SignOffView | null;
    /** Null before any sign-off; true when the data differs from what was signed. */
    readonly changedSinceSignOff: boolean | null;
  };
  readonly overdueTasks: number;
}

/** JSON with object keys sorted at every depth, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(
      Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}

/** The hash a sign-off records: the report's data, never the PDF bytes (which carry dates and layout). */
export function contentHash(content: ReportContent): string {
  const stable = { ...content, tasks: content.tasks.map(({ overdue: _overdue, ...task }) => task) };
  return createHash('sha256').update(canonicalJson(stable)).digest('hex');
}

function practiceScore(cells: Heatmap['rows'][number]['cells']): number | null {
  let weight = 0;
  let sum = 0;
  for (const cell of cells) {
    if (cell.score === null) continue;
    weight += cell.answered;
    sum += cell.score * cell.answered;
  }
  return weight === 0 ? null : Math.round(sum / weight);
}

function findings(areas: readonly AreaScore[]): { success: AreaFinding[]; review: AreaFinding[] } {
  const success: AreaFinding[] = [];
  const review: AreaFinding[] = [];
  for (const area of areas) {
    const base = { id: area.id, title: area.title, score: area.score, gaps: area.gaps };
    if (area.score !== null && area.score >= successScore) {
      success.push({ ...base, reason: `Scores ${area.score} (at least ${successScore}).` });
    }
    if (area.score === null) review.push({ ...base, reason: 'No answers yet.' });
    else if (area.score < reviewScore) {
      review.push({ ...base, reason: `Scores ${area.score} (below ${reviewScore}); ${area.gaps} gap(s).` });
    } else if (area.gaps > 0) {
      review.push({
        ...base,
        reason: `${area.gaps} practice answer(s) with significant gaps or not in place.`,
      });
    }
  }
  return { success, review };
}

const levelRank = new Map<string, number>(riskLevels.map((level, i) => [level, i]));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the report from loaded data: scores, findings, risk register, remediation plan, controls. */
export function buildReportData(input: ReportInput): ReportData {
  const generatedDate = input.generatedAt.slice(0, 10);
  const titles = new Map(input.heatmap.areas.map((a) => [a.id, a]));
  const areas = input.heatmap.areaTotals.map((cell) => ({
    id: cell.areaId,
    title: titles.get(cell.areaId)?.title ?? cell.areaId,
    questions: titles.get(cell.areaId)?.questions ?? 0,
    answered: cell.answered,
    total: cell.total,
    gaps: cell.gaps,
    score: cell.score,
  }));
  const practices = input.heatmap.rows.map((row) => ({
    id: row.practiceId,
    name: row.practiceName,
    region: row.regionId === null ? null : (input.regionNames.get(row.regionId) ?? null),
    answered: row.answered,
    total: row.total,
    gaps: row.cells.reduce((sum, cell) => sum + cell.gaps, 0),
    score: practiceScore(row.cells),
    scores: row.cells.map((cell) => cell.score),
  }));
  const practiceOf = (id: string | null) => (id === null ? null : (input.practiceNames.get(id) ?? null));
  const risks = input.risks
    .map((risk) => ({ ...risk, practice: practiceOf(risk.practiceId) }))
    .sort(
      (a, b) =>
        (levelRank.get(a.level) ?? 9) - (levelRank.get(b.level) ?? 9) ||
        byText(a.title, b.title) ||
        byText(a.id, b.id),
    );
  const riskCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const risk of risks) {
    if (risk.level in riskCounts) riskCounts[risk.level as keyof typeof riskCounts] += 1;
  }
  const tasks = input.tasks
    .map((task) => ({
      ...task,
      practice: practiceOf(task.practiceId),
      overdue: task.dueDate < generatedDate,
    }))
    .sort((a, b) => byText(a.dueDate, b.dueDate) || byText(a.title, b.title) || byText(a.id, b.id));
  const controls = [...input.controls].sort((a, b) => byText(a.id, b.id));
  const controlCounts = { ok: 0, stale: 0, failing: 0, not_assessed: 0, not_applicable: 0 };
  for (const control of controls) controlCounts[control.status] += 1;
  const content: ReportContent = {
    dsoId: input.dso.id,
    practiceIds: input.practiceIds === null ? null : [...input.practiceIds].sort(),
    areas,
    practices,
    ...findings(areas),
    risks,
    riskCounts,
    tasks,
    controls,
    controlCounts,
  };
  const contentSha256 = contentHash(content);
  const latest = input.latestSignOff;
  return {
    dso: input.dso,
    generatedAt: input.generatedAt,
    generatedDate,
    content,
    contentSha256,
    signOff: { latest, changedSinceSignOff: latest === null ? null : latest.contentSha256 !== contentSha256 },
    overdueTasks: tasks.filter((task) => task.overdue).length,
  };
}
