import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { createDatabase } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { createLogger } from '../../platform/log.ts';
import { insuranceView, loadReport } from '../compliance/reports/reports.service.ts';
import { createDemo } from './demo.service.ts';

async function demoDatabase(practices: number, seed: number) {
  const handle = createDatabase({ dataDir: '.', sqliteFile: ':memory:' });
  await migrateToLatest(handle.db);
  const deps = { db: handle.db, clock: fixedClock('2026-11-02T15:00:00.000Z'), log: createLogger('silent') };
  const summary = await createDemo(deps, { practices, seed });
  return { handle, deps, summary };
}

/** The answers in a form that does not depend on generated ids: scope by practice name. */
async function answerFingerprint(demo: Awaited<ReturnType<typeof demoDatabase>>) {
  const rows = await demo.handle.db
    .selectFrom('complianceAnswers')
    .leftJoin('practices', 'practices.id', 'complianceAnswers.scopeId')
    .select(['complianceAnswers.scopeType', 'practices.name', 'questionId', 'optionId'])
    .execute();
  return rows.map((r) => `${r.scopeType}:${r.name ?? 'dso'}:${r.questionId}=${r.optionId}`).sort();
}

describe('demo compliance program', () => {
  it('is the same for the same seed and size', async () => {
    const a = await demoDatabase(12, 5);
    const b = await demoDatabase(12, 5);
    expect(a.summary.extras).toEqual(b.summary.extras);
    expect(await answerFingerprint(a)).toEqual(await answerFingerprint(b));
    await a.handle.close();
    await b.handle.close();
  });

  it('looks like a living program: gaps, stale and failing controls, overdue tasks, critical and accepted risks', async () => {
    const demo = await demoDatabase(40, 7);
    const { extras } = demo.summary;
    expect(extras['compliance.answers']).toBeGreaterThan(100);
    expect(extras['compliance.vendors']).toBeGreaterThanOrEqual(6);
    expect(extras['compliance.policies']).toBeGreaterThanOrEqual(12);
    const report = await loadReport(demo.deps, { dsoId: demo.summary.dso.id });
    expect(report.content.riskCounts.critical).toBeGreaterThanOrEqual(2);
    expect(report.overdueTasks).toBeGreaterThan(0);
    expect(report.content.controlCounts.stale + report.content.controlCounts.failing).toBeGreaterThan(0);
    expect(report.content.controlCounts.ok).toBeGreaterThan(0);
    // Some offices have answered only part of their own questions.
    const partly = report.content.practices.filter((p) => p.answered < p.total);
    expect(partly.length).toBeGreaterThan(0);
    const accepted = await demo.handle.db
      .selectFrom('risks')
      .select('id')
      .where('treatment', '=', 'accept')
      .where('acceptedUntil', 'is not', null)
      .execute();
    expect(accepted.length).toBeGreaterThan(0);
    const insurance = await insuranceView(demo.deps, { dsoId: demo.summary.dso.id });
    expect(insurance.summary.yes).toBeGreaterThan(0);
    expect(insurance.summary.warnings).toBeGreaterThan(0);
    await demo.handle.close();
  });
});
