import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

interface Fixture {
  dsoId: string;
  regionA: string;
  regionB: string;
  /** Alpha and Bravo are in region A, Charlie in region B, Delta in no region. */
  alpha: string;
  bravo: string;
  charlie: string;
  delta: string;
}

interface AssessmentQuestion {
  questionId: string;
  own: { optionId: string } | null;
  inherited: { optionId: string; level: string } | null;
  effective: { optionId: string; level: string; score: number | null } | null;
  overrides: boolean;
}

describeEachDialect('compliance assessment API', (get) => {
  let app: FastifyInstance;
  let otherDsoId: string;
  let otherPractice: string;
  const admin = (dsoId: string) => authAs(get().handle, dsoId);

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    otherDsoId = (await buildDso(deps)).id;
    otherPractice = (await buildPractice(deps, otherDsoId)).id;
  });

  async function buildFixture(): Promise<Fixture> {
    const deps = testDeps(get().handle);
    const dsoId = (await buildDso(deps)).id;
    const headers = await admin(dsoId);
    const region = async (name: string) =>
      (await app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: { name } })).json().id;
    const regionA = await region('North');
    const regionB = await region('South');
    const practice = async (name: string, regionId?: string) =>
      (await buildPractice(deps, dsoId, { name, ...(regionId ? { regionId } : {}) })).id;
    return {
      dsoId,
      regionA,
      regionB,
      alpha: await practice('Alpha Dental', regionA),
      bravo: await practice('Bravo Dental', regionA),
      charlie: await practice('Charlie Dental', regionB),
      delta: await practice('Delta Dental'),
    };
  }

  const put = (headers: AuthHeaders, scope: string, questionId: string, payload: object) =>
    app.inject({ method: 'PUT', url: `/api/v1/compliance/answers/${scope}/${questionId}`, headers, payload });
  const clear = (headers: AuthHeaders, scope: string, questionId: string) =>
    app.inject({ method: 'DELETE', url: `/api/v1/compliance/answers/${scope}/${questionId}`, headers });

  async function question(headers: AuthHeaders, practiceId: string, questionId: string) {
    const response = await app.inject({
      url: `/api/v1/compliance/practices/${practiceId}/assessment`,
      headers,
    });
    expect(response.statusCode).toBe(200);
    const found = (response.json().questions as AssessmentQuestion[]).find(
      (q) => q.questionId === questionId,
    );
    if (!found) throw new Error(`question ${questionId} missing`);
    return found;
  }

  it('serves the questionnaire with options, guidance, references and vulnerabilities', async () => {
    const f = await buildFixture();
    const response = await app.inject({
      url: '/api/v1/compliance/questionnaire',
      headers: await admin(f.dsoId),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.areas).toHaveLength(7);
    expect(body.questions.length).toBeGreaterThanOrEqual(100);
    const ra01 = body.questions.find((q: { id: string }) => q.id === 'RA-01');
    expect(ra01.regulation[0]).toEqual({ id: '164.308(a)(1)', title: expect.any(String) });
    expect(ra01.regulation[0].title).not.toBe('164.308(a)(1)');
    expect(ra01.options[1]).toMatchObject({
      id: 'partial',
      score: 2,
      notApplicable: false,
      vulnerabilities: [{ id: 'no-risk-analysis', title: 'No current enterprise-wide risk analysis' }],
    });
    expect(ra01.options[1].guidance.length).toBeGreaterThan(10);
    expect(body.questions.find((q: { id: string }) => q.id === 'PD-14').allowNotApplicable).toBe(true);
    // Options link to the controls that carry the question out; only the group-health-plan question has none.
    expect(ra01.controls).toContainEqual({ id: 'risk-analysis-current', title: 'Risk analysis current' });
    const unlinked = body.questions.filter((q: { controls: unknown[] }) => q.controls.length === 0);
    expect(unlinked.map((q: { id: string }) => q.id)).toEqual(['PD-14']);
  });

  it('lets practices inherit DSO and region answers, override them, and inherit again after a clear', async () => {
    const f = await buildFixture();
    const h = await admin(f.dsoId);

    const dso = await put(h, `dso/${f.dsoId}`, 'RA-01', {
      optionId: 'no',
      note: 'Central IT has not started',
    });
    expect(dso.statusCode).toBe(200);
    expect(dso.json()).toMatchObject({
      scopeType: 'dso',
      optionId: 'no',
      score: 3,
      note: 'Central IT has not started',
    });
    for (const practice of [f.alpha, f.bravo, f.charlie, f.delta]) {
      expect((await question(h, practice, 'RA-01')).effective).toMatchObject({
        optionId: 'no',
        level: 'dso',
      });
    }

    expect((await put(h, `region/${f.regionA}`, 'RA-01', { optionId: 'yes' })).statusCode).toBe(200);
    expect((await question(h, f.alpha, 'RA-01')).effective).toMatchObject({
      optionId: 'yes',
      level: 'region',
    });
    expect((await question(h, f.bravo, 'RA-01')).effective).toMatchObject({
      optionId: 'yes',
      level: 'region',
    });
    expect((await question(h, f.charlie, 'RA-01')).effective).toMatchObject({ optionId: 'no', level: 'dso' });
    expect((await question(h, f.delta, 'RA-01')).effective).toMatchObject({ optionId: 'no', level: 'dso' });

    expect((await put(h, `practice/${f.bravo}`, 'RA-01', { optionId: 'partial' })).statusCode).toBe(200);
    const bravo = await question(h, f.bravo, 'RA-01');
    expect(bravo).toMatchObject({
      own: { optionId: 'partial' },
      inherited: { optionId: 'yes', level: 'region' },
      effective: { optionId: 'partial', level: 'practice', score: 2 },
      overrides: true,
    });
    expect((await question(h, f.alpha, 'RA-01')).effective).toMatchObject({ level: 'region' });

    // A second PUT replaces the answer rather than adding one.
    expect((await put(h, `practice/${f.bravo}`, 'RA-01', { optionId: 'unknown' })).statusCode).toBe(200);
    const listed = await app.inject({
      url: `/api/v1/compliance/answers?scopeType=practice&scopeId=${f.bravo}`,
      headers: h,
    });
    expect(listed.json().items.map((a: { optionId: string }) => a.optionId)).toEqual(['unknown']);

    expect((await clear(h, `practice/${f.bravo}`, 'RA-01')).statusCode).toBe(204);
    expect(await question(h, f.bravo, 'RA-01')).toMatchObject({
      own: null,
      effective: { optionId: 'yes', level: 'region' },
      overrides: false,
    });
    expect((await clear(h, `region/${f.regionA}`, 'RA-01')).statusCode).toBe(204);
    expect((await question(h, f.bravo, 'RA-01')).effective).toMatchObject({ optionId: 'no', level: 'dso' });
    const again = await clear(h, `region/${f.regionA}`, 'RA-01');
    expect(again.statusCode).toBe(404);

    // The region scope sees its own answers and what it inherits from the DSO.
    const regionView = await app.inject({
      url: `/api/v1/compliance/assessment?scopeType=region&scopeId=${f.regionA}`,
      headers: h,
    });
    const ra01 = regionView.json().questions.find((q: AssessmentQuestion) => q.questionId === 'RA-01');
    expect(ra01).toMatchObject({ own: null, inherited: { optionId: 'no', level: 'dso' } });

    const events = await get()
      .handle.db.selectFrom('auditEvents')
      .select('action')
      .where('dsoId', '=', f.dsoId)
      .where('action', 'like', 'compliance.answer.%')
      .execute();
    expect(events.filter((e) => e.action === 'compliance.answer.set')).toHaveLength(4);
    expect(events.filter((e) => e.action === 'compliance.answer.clear')).toHaveLength(2);
  });

  describe('bad input', () => {
    let f: Fixture;
    let h: AuthHeaders;
    beforeAll(async () => {
      f = await buildFixture();
      h = await admin(f.dsoId);
    });

    const expectInvalid = async (response: Awaited<ReturnType<typeof put>>, field: string, text: string) => {
      expect(response.statusCode).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toContain(text);
      expect(error.issues[0].path.at(-1)).toBe(field);
    };

    it('names an unknown question, an option of another question, and not applicable misused', async () => {
      await expectInvalid(
        await put(h, `practice/${f.alpha}`, 'ZZ-99', { optionId: 'yes' }),
        'questionId',
        'ZZ-99',
      );
      await expectInvalid(
        await put(h, `practice/${f.alpha}`, 'RA-01', { optionId: 'maybe' }),
        'optionId',
        'unknown option "maybe"',
      );
      await expectInvalid(
        await put(h, `practice/${f.alpha}`, 'RA-01', {
          optionId: 'not-applicable',
          justification: 'We have no servers.',
        }),
        'optionId',
        'not applicable is not allowed',
      );
      await expectInvalid(
        await put(h, `practice/${f.alpha}`, 'PD-14', { optionId: 'not-applicable' }),
        'justification',
        'at least 10 characters',
      );
      await expectInvalid(
        await put(h, `practice/${f.alpha}`, 'PD-14', {
          optionId: 'not-applicable',
          justification: '   short  ',
        }),
        'justification',
        'at least 10 characters',
      );
      const scopeType = await put(h, `country/${f.alpha}`, 'RA-01', { optionId: 'yes' });
      expect(scopeType.statusCode).toBe(400);
      expect(scopeType.body).toContain('scopeType');
      const ok = await put(h, `practice/${f.alpha}`, 'PD-14', {
        optionId: 'not-applicable',
        justification: 'This office sends no ePHI outside the practice system.',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ score: 0, justification: expect.stringContaining('This office') });
      const answers = await app.inject({
        url: `/api/v1/compliance/answers?scopeType=practice&scopeId=${f.alpha}`,
        headers: h,
      });
      expect(answers.json().items).toHaveLength(1);
    });

    it('answers 404 for an unknown or another DSO’s practice, region or DSO', async () => {
      const unknown = '01900000-0000-7000-8000-000000000099';
      for (const scope of [
        `practice/${unknown}`,
        `practice/${otherPractice}`,
        `region/${unknown}`,
        `dso/${otherDsoId}`,
      ]) {
        const response = await put(h, scope, 'RA-01', { optionId: 'yes' });
        expect([scope, response.statusCode, response.json().error.code]).toEqual([scope, 404, 'NOT_FOUND']);
      }
      const read = await app.inject({
        url: `/api/v1/compliance/practices/${otherPractice}/assessment`,
        headers: h,
      });
      expect(read.statusCode).toBe(404);
      const apply = await app.inject({
        method: 'POST',
        url: '/api/v1/compliance/answers/apply',
        headers: h,
        payload: { questionId: 'PS-01', optionId: 'yes', practiceIds: [f.alpha, otherPractice] },
      });
      expect(apply.statusCode).toBe(400);
      expect(apply.json().error.issues).toEqual([
        expect.objectContaining({
          path: ['body', 'practiceIds', 1],
          message: expect.stringContaining('not found'),
        }),
      ]);
    });
  });

  it('keeps a practice manager to their own practices and out of DSO and region answers', async () => {
    const f = await buildFixture();
    const h = await admin(f.dsoId);
    expect((await put(h, `dso/${f.dsoId}`, 'RA-01', { optionId: 'no' })).statusCode).toBe(200);
    const pm = await authAs(get().handle, f.dsoId, 'practice_manager', [f.alpha]);

    const other = await put(pm, `practice/${f.charlie}`, 'RA-01', { optionId: 'yes' });
    expect(other.statusCode).toBe(404);
    expect(
      (await app.inject({ url: `/api/v1/compliance/practices/${f.charlie}/assessment`, headers: pm }))
        .statusCode,
    ).toBe(404);
    for (const scope of [`dso/${f.dsoId}`, `region/${f.regionA}`]) {
      const response = await put(pm, scope, 'RA-01', { optionId: 'yes' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('AUTH_FORBIDDEN');
      expect(response.json().error.message).toContain('only for their own practices');
      expect((await clear(pm, scope, 'RA-01')).statusCode).toBe(403);
    }
    // Reading the answers their practice inherits is fine; another region's is not.
    const dsoAnswers = await app.inject({
      url: `/api/v1/compliance/answers?scopeType=dso&scopeId=${f.dsoId}`,
      headers: pm,
    });
    expect(dsoAnswers.json().items).toHaveLength(1);
    const otherRegion = await app.inject({
      url: `/api/v1/compliance/answers?scopeType=region&scopeId=${f.regionB}`,
      headers: pm,
    });
    expect(otherRegion.statusCode).toBe(404);

    const own = await put(pm, `practice/${f.alpha}`, 'RA-01', { optionId: 'yes' });
    expect(own.statusCode).toBe(200);
    expect((await question(pm, f.alpha, 'RA-01')).effective).toMatchObject({
      optionId: 'yes',
      level: 'practice',
    });

    const progress = (await app.inject({ url: '/api/v1/compliance/progress', headers: pm })).json();
    expect(progress.practices.map((p: { practiceId: string }) => p.practiceId)).toEqual([f.alpha]);
    const heatmap = (await app.inject({ url: '/api/v1/compliance/heatmap', headers: pm })).json();
    expect(heatmap.rows.map((r: { practiceId: string }) => r.practiceId)).toEqual([f.alpha]);
  });

  it('computes heatmap and progress numbers from the effective answers', async () => {
    const f = await buildFixture();
    const h = await admin(f.dsoId);
    const answers: [string, string, object][] = [
      [`dso/${f.dsoId}`, 'RA-01', { optionId: 'no' }], // 3
      [`dso/${f.dsoId}`, 'RA-02', { optionId: 'yes' }], // 0
      [`region/${f.regionA}`, 'RA-01', { optionId: 'yes' }], // 0 for Alpha and Bravo
      [`practice/${f.bravo}`, 'RA-02', { optionId: 'partial' }], // 2
      [
        `practice/${f.bravo}`,
        'PD-14',
        { optionId: 'not-applicable', justification: 'No paper records kept here.' },
      ],
    ];
    for (const [scope, q, body] of answers) expect((await put(h, scope, q, body)).statusCode).toBe(200);
    // An answer whose option left the questionnaire no longer counts.
    await get()
      .handle.db.insertInto('complianceAnswers')
      .values({
        id: '01900000-0000-7000-8000-0000000000aa',
        dsoId: f.dsoId,
        scopeType: 'practice',
        scopeId: f.delta,
        questionId: 'RA-03',
        optionId: 'retired-option',
        justification: null,
        note: null,
        answeredBy: 'earlier version',
        answeredAt: '2026-01-01T00:00:00.000Z',
      })
      .execute();

    const response = await app.inject({ url: '/api/v1/compliance/heatmap', headers: h });
    expect(response.statusCode).toBe(200);
    const heatmap = response.json();
    expect(heatmap.areas.map((a: { id: string }) => a.id)).toEqual([
      'risk-analysis',
      'policies',
      'workforce',
      'technical',
      'physical',
      'business-associates',
      'contingency',
    ]);
    const raQuestions = heatmap.areas[0].questions;
    const pdQuestions = heatmap.areas[1].questions;
    const row = (id: string) => heatmap.rows.find((r: { practiceId: string }) => r.practiceId === id);
    expect(heatmap.rows.map((r: { practiceName: string }) => r.practiceName)).toEqual([
      'Alpha Dental',
      'Bravo Dental',
      'Charlie Dental',
      'Delta Dental',
    ]);
    // Alpha: RA-01 yes (region) + RA-02 yes (DSO): 2 answered, no gaps, 100.
    expect(row(f.alpha).cells[0]).toEqual({
      areaId: 'risk-analysis',
      answered: 2,
      total: raQuestions,
      gaps: 0,
      score: 100,
    });
    expect(row(f.alpha).cells[1]).toEqual({
      areaId: 'policies',
      answered: 0,
      total: pdQuestions,
      gaps: 0,
      score: null,
    });
    // Bravo: RA-01 yes + RA-02 partial (2): 100 × (1 − 2/6) = 66.7 → 67; PD-14 not applicable scores 0 → 100.
    expect(row(f.bravo).cells[0]).toMatchObject({ answered: 2, gaps: 1, score: 67 });
    expect(row(f.bravo).cells[1]).toMatchObject({ answered: 1, gaps: 0, score: 100 });
    expect(row(f.bravo)).toMatchObject({ answered: 3, total: 117 });
    // Charlie and Delta: RA-01 no (3) + RA-02 yes (0): 100 × (1 − 3/6) = 50.
    expect(row(f.charlie).cells[0]).toMatchObject({ answered: 2, gaps: 1, score: 50 });
    expect(row(f.delta).cells[0]).toMatchObject({ answered: 2, gaps: 1, score: 50 });
    // DSO: 8 answers in risk analysis, scores 0+0+0+2+3+0+3+0 = 8: 100 × (1 − 8/24) = 66.7 → 67.
    expect(heatmap.areaTotals[0]).toEqual({
      areaId: 'risk-analysis',
      answered: 8,
      total: raQuestions * 4,
      gaps: 3,
      score: 67,
    });

    const north = (
      await app.inject({ url: `/api/v1/compliance/heatmap?regionId=${f.regionA}`, headers: h })
    ).json();
    expect(north.rows.map((r: { practiceId: string }) => r.practiceId)).toEqual([f.alpha, f.bravo]);
    // Alpha 0+0, Bravo 0+2: 100 × (1 − 2/12) = 83.3 → 83.
    expect(north.areaTotals[0]).toMatchObject({ answered: 4, gaps: 1, score: 83 });

    const progress = (await app.inject({ url: '/api/v1/compliance/progress', headers: h })).json();
    expect(progress.totals).toEqual({
      practices: 4,
      completePractices: 0,
      answered: 9,
      total: 4 * 117,
      percent: 2,
    });
    expect(progress.practices[1]).toMatchObject({ practiceId: f.bravo, answered: 3, total: 117, percent: 3 });
    expect(progress.areas[0]).toMatchObject({ areaId: 'risk-analysis', answered: 8, total: raQuestions * 4 });

    // A new answer shows at once (the cached heatmap follows the DSO's data version).
    expect((await put(h, `practice/${f.delta}`, 'RA-01', { optionId: 'yes' })).statusCode).toBe(200);
    const after = (await app.inject({ url: '/api/v1/compliance/heatmap', headers: h })).json();
    expect(after.rows[3].cells[0]).toMatchObject({ answered: 2, gaps: 0, score: 100 });
  });

  it('applies one answer to several practices at once', async () => {
    const f = await buildFixture();
    const h = await admin(f.dsoId);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/answers/apply',
      headers: h,
      payload: { questionId: 'PS-01', optionId: 'no', practiceIds: [f.alpha, f.charlie] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toHaveLength(2);
    expect((await question(h, f.charlie, 'PS-01')).effective).toMatchObject({
      optionId: 'no',
      level: 'practice',
    });
    expect((await question(h, f.bravo, 'PS-01')).effective).toBeNull();
    const pm = await authAs(get().handle, f.dsoId, 'practice_manager', [f.alpha]);
    const outside = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/answers/apply',
      headers: pm,
      payload: { questionId: 'PS-01', optionId: 'yes', practiceIds: [f.alpha, f.bravo] },
    });
    expect(outside.statusCode).toBe(400);
    expect((await question(h, f.alpha, 'PS-01')).effective).toMatchObject({ optionId: 'no' });
  });
});
