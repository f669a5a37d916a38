import type { CatalogueControl } from './catalogue.ts';
import type { SignalState } from './signal-state.ts';

export type ControlStatus = 'ok' | 'stale' | 'failing' | 'not_assessed' | 'not_applicable';

export const controlStatuses: readonly ControlStatus[] = [
  'ok',
  'stale',
  'failing',
  'not_assessed',
  'not_applicable',
];

/** What the status of one control is derived from. */
export interface StatusInput {
  readonly control: CatalogueControl;
  readonly notApplicableReason: string | null;
  /** Active evidence (not withdrawn) in the scope. */
  readonly evidence: readonly { effectiveDate: string; expiresAt: string | null }[];
  readonly signals: readonly { signal: string; title: string; state: SignalState }[];
}

/** Evidence counts from its effective date (whole UTC day) until just before `expiresAt`: AT expiresAt it has expired. */
export function isEvidenceValid(
  item: { effectiveDate: string; expiresAt: string | null },
  now: Date,
): boolean {
  const start = Date.parse(`${item.effectiveDate}T00:00:00.000Z`);
  if (now.getTime() < start) return false;
  return item.expiresAt === null || now.getTime() < Date.parse(item.expiresAt);
}

function names(list: readonly { title: string }[]): string {
  return list.map((s) => s.title).join(', ');
}

/**
 * The status rules, in order: not applicable (a reason is recorded) > failing (a linked signal's latest reading
 * breaches its fail threshold) > stale (evidence exists but every item expired, or a linked signal's reading is
 * older than its maximum age) > ok (valid evidence or a passing signal) > not assessed.
 */
export function deriveStatus(input: StatusInput, now: Date): { status: ControlStatus; reason: string } {
  if (input.notApplicableReason !== null) {
    return { status: 'not_applicable', reason: `Not applicable: ${input.notApplicableReason}` };
  }
  const failing = input.signals.filter((s) => s.state === 'fail');
  if (failing.length > 0) {
    return { status: 'failing', reason: `${names(failing)} breaches the fail threshold.` };
  }
  const valid = input.evidence.filter((e) => isEvidenceValid(e, now));
  const stale = input.signals.filter((s) => s.state === 'stale');
  if (input.evidence.length > 0 && valid.length === 0) {
    return { status: 'stale', reason: 'All evidence has expired; upload current evidence.' };
  }
  if (stale.length > 0) {
    return { status: 'stale', reason: `${names(stale)} has no recent reading.` };
  }
  const passing = input.signals.filter((s) => s.state === 'pass' || s.state === 'warn');
  if (valid.length > 0 || passing.length > 0) {
    const parts: string[] = [];
    if (valid.length > 0) parts.push(`${valid.length} valid evidence item${valid.length === 1 ? '' : 's'}`);
    if (passing.length > 0) parts.push(`${names(passing)} within thresholds`);
    const warned = passing.filter((s) => s.state === 'warn');
    const warning = warned.length > 0 ? ` Warning: ${names(warned)} is past the warning threshold.` : '';
    return { status: 'ok', reason: `${parts.join('; ')}.${warning}` };
  }
  return { status: 'not_assessed', reason: 'No evidence or signal reading yet.' };
}
