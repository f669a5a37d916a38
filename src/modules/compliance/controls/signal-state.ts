import type { SignalDefinition } from './catalogue.ts';

export type SignalState = 'pass' | 'warn' | 'fail' | 'stale' | 'missing';

export interface Reading {
  readonly practiceId: string | null;
  readonly value: number;
  readonly observedAt: string;
}

const dayMs = 86_400_000;

/** Worse than the threshold: below it for 'higher' signals, above it for 'lower' signals (strict). */
function worseThan(definition: SignalDefinition, value: number, threshold: number): boolean {
  return definition.direction === 'higher' ? value < threshold : value > threshold;
}

/** The state of one reading at `now`: stale once older than the signal's maximum age, else by thresholds. */
export function readingState(
  definition: SignalDefinition,
  reading: Reading | undefined,
  now: Date,
): SignalState {
  if (reading === undefined) return 'missing';
  if (now.getTime() - Date.parse(reading.observedAt) > definition.maxAgeDays * dayMs) return 'stale';
  if (worseThan(definition, reading.value, definition.failAt)) return 'fail';
  if (worseThan(definition, reading.value, definition.warnAt)) return 'warn';
  return 'pass';
}

const severity: Record<SignalState, number> = { missing: 0, pass: 1, warn: 2, stale: 3, fail: 4 };

/**
 * The reading that speaks for a signal in a scope: the worst of the DSO-wide latest reading and each practice's
 * latest reading. A DSO-wide reading newer than a practice's reading replaces it (one at the same time does not), so a central feed can take over
 * from per-practice entries.
 */
export function effectiveReading(
  definition: SignalDefinition,
  latest: readonly Reading[],
  now: Date,
): { reading: Reading | undefined; state: SignalState } {
  const dsoWide = latest.find((r) => r.practiceId === null);
  const candidates = latest.filter(
    (r) => r.practiceId === null || dsoWide === undefined || r.observedAt >= dsoWide.observedAt,
  );
  let best: { reading: Reading | undefined; state: SignalState } = { reading: undefined, state: 'missing' };
  for (const reading of candidates) {
    const state = readingState(definition, reading, now);
    if (severity[state] > severity[best.state]) best = { reading, state };
  }
  return best;
}

/** Whether a value is in the signal's range: percentages 0-100, counts whole and not negative, days not negative. */
export function valueProblem(definition: SignalDefinition, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a number';
  if (value < 0) return 'must not be negative';
  if (definition.unit === '%' && value > 100) return 'is a percentage and must be at most 100';
  if (definition.unit === 'count' && !Number.isInteger(value)) return 'is a count and must be a whole number';
  return undefined;
}
