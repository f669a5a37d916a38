import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { recordSignalReading } from '../../compliance/index.ts';
import type { PublishedSignals } from './results.schema.ts';
import { percent } from './results.service.ts';
import * as store from './results.store.ts';

/** The window of sends the compliance signal covers. */
export const signalWindowDays = 90;
/** Defined by compliance (controls/signals.json); there is no report-rate signal yet. */
export const failRateSignal = 'phishing-fail-rate';

/**
 * Computes the DSO's fail rate and report rate over the emails sent in the last 90 days and records the fail
 * rate as the compliance signal `phishing-fail-rate` (percent). DSO-wide: a signal speaks for the whole DSO.
 * Nothing is recorded when no email was sent in the window.
 */
export async function publishPhishingSignals(deps: ServiceDeps, scope: Scope): Promise<PublishedSignals> {
  const now = deps.clock.now();
  const observedAt = now.toISOString();
  const from = new Date(now.getTime() - signalWindowDays * 86_400_000).toISOString();
  const totals = await store.windowTotals(deps.db, scope.dsoId, from, observedAt);
  const sent = Number(totals.sent ?? 0);
  const failRate = percent(Number(totals.failed ?? 0), sent);
  const reportRate = percent(Number(totals.reported ?? 0), sent);
  const base = { observedAt, windowDays: signalWindowDays, sent, failRate, reportRate };
  if (failRate === null) {
    return {
      ...base,
      recorded: false,
      reason: `No simulation email was sent in the last ${signalWindowDays} days.`,
      signals: [],
    };
  }
  const reading = await recordSignalReading(
    deps,
    { dsoId: scope.dsoId, actor: scope.actor ?? systemActor },
    { signal: failRateSignal, value: failRate, observedAt, source: 'phishing' },
  );
  return {
    ...base,
    recorded: true,
    reason: null,
    signals: [{ signal: reading.signal, value: reading.value, state: reading.state }],
  };
}
