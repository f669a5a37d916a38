import { versionedCache } from '../../../platform/cache/versioned-cache.ts';
import type { Scope, ServiceDeps } from '../../../platform/context.ts';
import { questionnaire, questionnaireSummary } from '../questionnaire.ts';
import { loadEffectiveAnswers, type PracticeAnswers } from './effective-answers.ts';

/**
 * One practice (or the DSO total) in one area. `score` is 0-100, higher is better:
 * 100 × (1 − Σ option scores ÷ (3 × answered)); a justified not-applicable answer scores 0 and counts as
 * answered; null when nothing is answered. `gaps` counts answers scoring 2 or 3 (significant gaps, not in place).
 */
export interface HeatmapCell {
  areaId: string;
  answered: number;
  total: number;
  gaps: number;
  score: number | null;
}

export interface HeatmapRow {
  practiceId: string;
  practiceName: string;
  regionId: string | null;
  answered: number;
  total: number;
  cells: HeatmapCell[];
}

export interface Heatmap {
  areas: { id: string; title: string; questions: number }[];
  rows: HeatmapRow[];
  areaTotals: HeatmapCell[];
}

/** The area of each question id, built once. */
let areaOfQuestion: ReadonlyMap<string, string> | undefined;
function questionAreas(): ReadonlyMap<string, string> {
  areaOfQuestion ??= new Map(questionnaire().questions.map((q) => [q.id, q.area]));
  return areaOfQuestion;
}

/** Running sums of one cell; turned into a HeatmapCell by `toCell`. */
interface Tally {
  answered: number;
  gaps: number;
  scoreSum: number;
}

/** 0-100, higher is better; null when nothing is answered. Rounded to a whole number. */
export function areaScore(answered: number, scoreSum: number): number | null {
  if (answered === 0) return null;
  return Math.round(100 * (1 - scoreSum / (3 * answered)));
}

function toCell(areaId: string, total: number, tally: Tally): HeatmapCell {
  return {
    areaId,
    answered: tally.answered,
    total,
    gaps: tally.gaps,
    score: areaScore(tally.answered, tally.scoreSum),
  };
}

/** Per-area tallies of one practice's effective answers, in the area order given. */
export function tallyPractice(practice: PracticeAnswers, areaIndex: ReadonlyMap<string, number>): Tally[] {
  const tallies: Tally[] = Array.from({ length: areaIndex.size }, () => ({
    answered: 0,
    gaps: 0,
    scoreSum: 0,
  }));
  const areas = questionAreas();
  for (const answer of practice.answers.values()) {
    const area = areas.get(answer.questionId);
    const index = area === undefined ? undefined : areaIndex.get(area);
    const tally = index === undefined ? undefined : tallies[index];
    if (tally === undefined) continue;
    tally.answered += 1;
    tally.scoreSum += answer.score;
    if (answer.score >= 2) tally.gaps += 1;
  }
  return tallies;
}

function buildHeatmap(all: readonly PracticeAnswers[], regionId: string | undefined): Heatmap {
  const areas = questionnaireSummary();
  const areaIndex = new Map(areas.map((a, i) => [a.id, i]));
  const practices = regionId === undefined ? all : all.filter((p) => p.regionId === regionId);
  const totals: Tally[] = areas.map(() => ({ answered: 0, gaps: 0, scoreSum: 0 }));
  const rows = practices.map((practice): HeatmapRow => {
    const tallies = tallyPractice(practice, areaIndex);
    const cells = areas.map((area, i) => {
      const tally = tallies[i] ?? { answered: 0, gaps: 0, scoreSum: 0 };
      const total = totals[i];
      if (total !== undefined) {
        total.answered += tally.answered;
        total.gaps += tally.gaps;
        total.scoreSum += tally.scoreSum;
      }
      return toCell(area.id, area.questions, tally);
    });
    return {
      practiceId: practice.practiceId,
      practiceName: practice.practiceName,
      regionId: practice.regionId,
      answered: cells.reduce((sum, c) => sum + c.answered, 0),
      total: cells.reduce((sum, c) => sum + c.total, 0),
      cells,
    };
  });
  const areaTotals = areas.map((area, i) =>
    toCell(area.id, area.questions * rows.length, totals[i] ?? { answered: 0, gaps: 0, scoreSum: 0 }),
  );
  return { areas, rows, areaTotals };
}

/**
 * Practices × the seven areas of the questionnaire, from each practice's effective answers (practice > region >
 * DSO). A practice manager sees only their practices. Cached per DSO data version, practice scope and filter.
 */
export async function computeHeatmap(
  deps: ServiceDeps,
  scope: Scope,
  filter: { regionId?: string } = {},
): Promise<Heatmap> {
  const practiceKey = scope.practiceIds ? [...scope.practiceIds].sort().join(',') : '*';
  const cache = versionedCache(deps.db);
  const key = `compliance.heatmap\u0000${practiceKey}\u0000${filter.regionId ?? ''}`;
  return cache.read(scope.dsoId, key, async () => {
    // The region views share one load of the effective answers per data version.
    const all = await cache.read(scope.dsoId, `compliance.effectiveAnswers\u0000${practiceKey}`, () =>
      loadEffectiveAnswers(deps.db, scope.dsoId, scope.practiceIds ?? null),
    );
    return buildHeatmap(all, filter.regionId);
  });
}
