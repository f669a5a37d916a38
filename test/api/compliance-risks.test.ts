import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp, type TestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

interface Risk {
  id: string;
  practiceId: string | null;
  title: string;
  level: string;
  likelihood: string;
  impact: string;
  state: string;
  sourceRef: string | null;
  closeSuggested: boolean;
  needsReview: boolean;
  editable: boolean;
  acceptance: { approver: string; reason: string; expiresOn: string } | null;
}

const manual = {
  title: 'Front-desk PCs share one login',
  threat: 'Insider misuse',
  vulnerability: 'Shared logins on front-desk PCs',
  assetGroup: 'Front-desk and clinical workstations',
  likelihood: 'high',
  impact: 'medium',
};

describeEachDialect('risk register API', (get) => {
  let test: TestApp;
  let app: FastifyInstance;
  let dsoId: string;
  let otherDsoId: string;
  let practiceA: string;
  let practiceB: string;
  let admin: AuthHeaders;
  let officerId: string;

  const call = async (method: string, url: string, payload?: object, headers?: AuthHeaders) =>
    app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: headers ?? admin,
      ...(payload ? { payload } : {}),
    });
  const answer = async (scopeType: string, scopeId: string, questionId: string, optionId: string) => {
    const response = await call('PUT', `/compliance/answers/${scopeType}/${scopeId}/${questionId}`, {
      optionId,
    });
    expect(response.statusCode).toBe(200);
  };
  const questionnaireRisks = async (): Promise<Risk[]> =>
    (await call('GET', '/compliance/risks?source=questionnaire&limit=200')).json().items;

  beforeAll(async () => {
    test = await createTestApp(get().handle);
    app = test.app;
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    otherDsoId = (await buildDso(deps)).id;
    practiceA = (await buildPractice(deps, dsoId, { name: 'Alder Dental' })).id;
    practiceB = (await buildPractice(deps, dsoId, { name: 'Birch Dental' })).id;
    admin = await authAs(get().handle, dsoId);
    await authAs(get().handle, dsoId, 'security_officer');
    const ownersResponse = await call('GET', '/compliance/risk-owners');
    const owners = ownersResponse.json().items;
    officerId = owners.find((o: { role: string }) => o.role === 'security_officer').id;
  });

  it('creates a risk rated on the 3x3 scale and updates its treatment and residual', async () => {
    const created = await call('POST', '/compliance/risks', { ...manual, ownerUserId: officerId });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      level: 'high',
      status: 'open',
      state: 'open',
      source: 'manual',
      owner: { id: officerId },
      practiceId: null,
    });
    const id = created.json().id;
    const updated = await call('PATCH', `/compliance/risks/${id}`, {
      treatment: 'mitigate',
      residualLikelihood: 'low',
      residualImpact: 'medium',
      nextReviewDate: '2027-05-01',
      impact: 'high',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ level: 'critical', residualLevel: 'low', treatment: 'mitigate' });
    const events = await call('GET', '/audit-events?limit=200');
    const actions = events.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['risks.create', 'risks.update']));
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ ...manual, likelihood: 'extreme' }, 'likelihood'],
      [{ ...manual, treatment: 'ignore' }, 'treatment'],
      [{ ...manual, ownerUserId: '01900000-0000-7000-8000-000000000009' }, 'ownerUserId'],
      [{ ...manual, assetGroup: 'x'.repeat(101) }, 'assetGroup'],
      [{ ...manual, treatment: 'accept' }, 'treatment'],
      [{ ...manual, practiceId: '01900000-0000-7000-8000-000000000009' }, 'practiceId'],
      [{ ...manual, nextReviewDate: '2027-02-30' }, 'nextReviewDate'],
    ];
    for (const [payload, field] of cases) {
      const response = await call('POST', '/compliance/risks', payload);
      expect([field, response.statusCode]).toEqual([field, 400]);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(response.json().error)).toContain(field);
    }
    // An owner from another DSO is unknown here.
    const stranger = await authAs(get().handle, otherDsoId, 'security_officer');
    const strangerId = (await call('GET', '/compliance/risk-owners', undefined, stranger)).json().items[0].id;
    const foreignOwner = await call('POST', '/compliance/risks', { ...manual, ownerUserId: strangerId });
    expect(foreignOwner.statusCode).toBe(400);
    expect(foreignOwner.json().error.message).toContain('not found');
    const badFilter = await call('GET', '/compliance/risks?level=severe');
    expect(badFilter.statusCode).toBe(400);
  });

  it('proposes risks from the answers once, DSO-wide or per practice, and flags resolved ones', async () => {
    await answer('dso', dsoId, 'TS-01', 'no'); // excessive access, DSO-wide
    await answer('dso', dsoId, 'TS-02', 'partial'); // shared logins, DSO-wide at medium likelihood
    await answer('practice', practiceB, 'TS-02', 'no'); // Birch is worse: its own risk
    await answer('practice', practiceA, 'PS-01', 'partial'); // physical access at Alder only
    await answer('practice', practiceB, 'PS-01', 'yes');
    await answer('dso', dsoId, 'RA-01', 'yes');

    const first = await call('POST', '/compliance/risks/propose');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ created: 4, updated: 0, unchanged: 0, flaggedForClosing: 0 });
    const risks = await questionnaireRisks();
    const byRef = new Map(risks.map((r) => [r.sourceRef, r]));
    expect([...byRef.keys()].sort()).toEqual(
      [
        `PS-01:weak-physical-access:${practiceA}`,
        'TS-01:excessive-access',
        'TS-02:shared-logins',
        `TS-02:shared-logins:${practiceB}`,
      ].sort(),
    );
    // Likelihood from the score, impact from the worst threat (data exfiltration is high).
    expect(byRef.get('TS-01:excessive-access')).toMatchObject({
      practiceId: null,
      likelihood: 'high',
      impact: 'high',
      level: 'critical',
      state: 'proposed',
    });
    expect(byRef.get('TS-02:shared-logins')).toMatchObject({ likelihood: 'medium', level: 'medium' });
    expect(byRef.get(`TS-02:shared-logins:${practiceB}`)).toMatchObject({
      practiceId: practiceB,
      likelihood: 'high',
      level: 'high',
    });
    expect(byRef.get(`PS-01:weak-physical-access:${practiceA}`)).toMatchObject({ level: 'medium' });
    // Sorted by level: the critical risk comes first.
    expect(risks[0]?.level).toBe('critical');

    const second = await call('POST', '/compliance/risks/propose');
    expect(second.json()).toEqual({ created: 0, updated: 0, unchanged: 4, flaggedForClosing: 0 });
    expect(await questionnaireRisks()).toHaveLength(4);

    await answer('dso', dsoId, 'TS-01', 'yes');
    await answer('practice', practiceA, 'PS-01', 'no');
    const third = await call('POST', '/compliance/risks/propose');
    expect(third.json()).toEqual({ created: 0, updated: 1, unchanged: 2, flaggedForClosing: 1 });
    const after = new Map((await questionnaireRisks()).map((r) => [r.sourceRef, r]));
    expect(after.get('TS-01:excessive-access')).toMatchObject({ closeSuggested: true, needsReview: true });
    expect(after.get(`PS-01:weak-physical-access:${practiceA}`)).toMatchObject({
      likelihood: 'high',
      level: 'high',
    });
    const closed = await call('PATCH', `/compliance/risks/${after.get('TS-01:excessive-access')?.id}`, {
      status: 'closed',
    });
    expect(closed.json()).toMatchObject({ state: 'closed', closeSuggested: false });
  });

  it('gives region answers practice risks and clears the closing flag when an answer gets worse again', async () => {
    const deps = testDeps(get().handle);
    const dso = (await buildDso(deps)).id;
    const headers = await authAs(get().handle, dso);
    const region = (await call('POST', '/regions', { name: 'Gulf Coast' }, headers)).json().id as string;
    const inRegion = [
      (await buildPractice(deps, dso, { name: 'Cedar Dental', regionId: region })).id,
      (await buildPractice(deps, dso, { name: 'Dogwood Dental', regionId: region })).id,
    ];
    await buildPractice(deps, dso, { name: 'Elm Dental' });
    const put = async (scope: string, optionId: string) => {
      const response = await call('PUT', `/compliance/answers/${scope}/TS-05`, { optionId }, headers);
      expect(response.statusCode).toBe(200);
    };
    const propose = async () => (await call('POST', '/compliance/risks/propose', undefined, headers)).json();
    const refs = async () =>
      new Map(
        (
          (await call('GET', '/compliance/risks?source=questionnaire', undefined, headers)).json()
            .items as Risk[]
        ).map((r) => [r.sourceRef, r]),
      );
    await put(`dso/${dso}`, 'partial');
    await put(`region/${region}`, 'partial');
    // The region's answer is no worse than the DSO's: the DSO-wide risk covers its practices.
    expect(await propose()).toMatchObject({ created: 1 });
    await put(`region/${region}`, 'no');
    expect(await propose()).toMatchObject({ created: 2, unchanged: 1 });
    const worse = await refs();
    for (const id of inRegion)
      expect(worse.get(`TS-05:no-auto-logoff:${id}`)).toMatchObject({ likelihood: 'high' });

    await put(`dso/${dso}`, 'yes');
    expect(await propose()).toMatchObject({ created: 0, flaggedForClosing: 1 });
    expect((await refs()).get('TS-05:no-auto-logoff')?.closeSuggested).toBe(true);
    // Now the DSO answer is as bad as the region's: the DSO-wide risk is back and covers both practices,
    // whose own risks are flagged for closing.
    await put(`dso/${dso}`, 'no');
    expect(await propose()).toMatchObject({ created: 0, updated: 1, flaggedForClosing: 2 });
    expect((await refs()).get('TS-05:no-auto-logoff')).toMatchObject({
      closeSuggested: false,
      likelihood: 'high',
    });
  });

  it('accepts a risk only with an approver, a reason and an expiry within a year', async () => {
    const officer = await authAs(get().handle, dsoId, 'security_officer');
    const id = (await call('POST', '/compliance/risks', manual)).json().id;
    const accept = (payload: object, headers = officer) =>
      call('POST', `/compliance/risks/${id}/accept`, payload, headers);
    const reason = 'Front-desk PCs are replaced in March; compensating badge access is in place.';
    const refused: [object, string][] = [
      [{ reason: 'too short', expiresOn: '2027-01-01' }, 'reason'],
      [{ expiresOn: '2027-01-01' }, 'reason'],
      [{ reason }, 'expiresOn'],
      [{ reason, expiresOn: '2026-11-02' }, 'expiresOn'],
      [{ reason, expiresOn: '2027-11-03' }, 'expiresOn'],
      [{ reason, expiresOn: 'soon' }, 'expiresOn'],
    ];
    for (const [payload, field] of refused) {
      const response = await accept(payload);
      expect([field, response.statusCode]).toEqual([field, 400]);
      expect(JSON.stringify(response.json().error)).toContain(field);
    }
    const manager = await authAs(get().handle, dsoId, 'it_admin');
    expect((await accept({ reason, expiresOn: '2027-01-15' }, manager)).statusCode).toBe(403);

    const accepted = await accept({ reason, expiresOn: '2027-11-02' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      treatment: 'accept',
      state: 'accepted',
      needsReview: false,
      acceptance: { reason, expiresOn: '2027-11-02', approver: expect.stringContaining('security_officer') },
    });

    // A year and a day later, by the injected clock, the acceptance has expired and needs review.
    const laterAt = '2027-11-03T09:00:00.000Z';
    const laterAdmin = await authAs(get().handle, dsoId, 'dso_admin', [], laterAt);
    test.clock.set(laterAt);
    try {
      const later = (await call('GET', `/compliance/risks/${id}`, undefined, laterAdmin)).json();
      expect(later).toMatchObject({ state: 'acceptance_expired', needsReview: true });
      const expired = (
        await call('GET', '/compliance/risks?status=acceptance_expired', undefined, laterAdmin)
      ).json().items;
      expect(expired.map((r: Risk) => r.id)).toEqual([id]);
    } finally {
      test.clock.set('2026-11-02T15:00:00.000Z');
    }
    const still = (await call('GET', '/compliance/risks?status=acceptance_expired')).json().items;
    expect(still).toEqual([]);
    // Accept is never a plain treatment change, and a closed risk is not accepted.
    const sneaky = await call(
      'PATCH',
      `/compliance/risks/${(await call('POST', '/compliance/risks', manual)).json().id}`,
      {
        treatment: 'accept',
      },
    );
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().error.message).toContain('treatment');
    const closedId = (await call('POST', '/compliance/risks', { ...manual, status: 'closed' })).json().id;
    const closedAccept = await call(
      'POST',
      `/compliance/risks/${closedId}/accept`,
      { reason, expiresOn: '2027-01-15' },
      officer,
    );
    expect(closedAccept.statusCode).toBe(409);
    // Choosing another treatment withdraws the acceptance.
    const mitigated = await call('PATCH', `/compliance/risks/${id}`, { treatment: 'mitigate' });
    expect(mitigated.json()).toMatchObject({ acceptance: null, state: 'open' });
  });

  it('counts risks per matrix cell and level, inherent and residual', async () => {
    const matrix = (await call('GET', '/compliance/risks/matrix')).json();
    const list = (await call('GET', '/compliance/risks?limit=200')).json().items as (Risk & {
      status: string;
      residualLevel: string | null;
    })[];
    const open = list.filter((r) => r.status !== 'closed');
    expect(matrix.total).toBe(open.length);
    expect(matrix.inherent.cells).toHaveLength(9);
    const cell = matrix.inherent.cells.find(
      (c: { likelihood: string; impact: string }) => c.likelihood === 'high' && c.impact === 'medium',
    );
    expect(cell.level).toBe('high');
    expect(cell.count).toBe(open.filter((r) => r.likelihood === 'high' && r.impact === 'medium').length);
    expect(matrix.inherent.levels.critical).toBe(open.filter((r) => r.level === 'critical').length);
    const residualRated = open.filter((r) => r.residualLevel !== null).length;
    expect(matrix.residual.unrated).toBe(open.length - residualRated);
    const filtered = (await call('GET', '/compliance/risks?likelihood=high&impact=medium')).json().items;
    expect(filtered.filter((r: { status: string }) => r.status !== 'closed').length).toBe(cell.count);
  });

  describe('practice scope', () => {
    it('shows a practice manager their practices’ risks and DSO-wide ones read-only', async () => {
      const pm = await authAs(get().handle, dsoId, 'practice_manager', [practiceA]);
      const bRisk = await call('POST', '/compliance/risks', { ...manual, practiceId: practiceB });
      const aRisk = await call('POST', '/compliance/risks', { ...manual, practiceId: practiceA });
      const wide = await call('POST', '/compliance/risks', manual);
      const seen = (await call('GET', '/compliance/risks?limit=200', undefined, pm)).json().items as Risk[];
      const ids = seen.map((r) => r.id);
      expect(ids).toContain(aRisk.json().id);
      expect(ids).toContain(wide.json().id);
      expect(ids).not.toContain(bRisk.json().id);
      expect(seen.every((r) => r.practiceId === null || r.practiceId === practiceA)).toBe(true);
      expect(seen.find((r) => r.id === wide.json().id)?.editable).toBe(false);

      expect((await call('GET', `/compliance/risks/${bRisk.json().id}`, undefined, pm)).statusCode).toBe(404);
      const patchWide = await call('PATCH', `/compliance/risks/${wide.json().id}`, { title: 'Mine' }, pm);
      expect(patchWide.statusCode).toBe(403);
      const patchOwn = await call(
        'PATCH',
        `/compliance/risks/${aRisk.json().id}`,
        { title: 'Alder PCs' },
        pm,
      );
      expect(patchOwn.statusCode).toBe(200);
      const createWide = await call('POST', '/compliance/risks', manual, pm);
      expect(createWide.statusCode).toBe(400);
      expect(createWide.json().error.message).toContain('practiceId');
      const createB = await call('POST', '/compliance/risks', { ...manual, practiceId: practiceB }, pm);
      expect(createB.statusCode).toBe(400);
      expect(createB.json().error.message).toContain('not found');
      const matrix = (await call('GET', '/compliance/risks/matrix', undefined, pm)).json();
      expect(matrix.total).toBe(seen.filter((r) => r.state !== 'closed').length);
    });

    it('lets a practice manager propose only their practices’ risks', async () => {
      const pm = await authAs(get().handle, dsoId, 'practice_manager', [practiceB]);
      await answer('practice', practiceB, 'PS-02', 'no');
      const before = await questionnaireRisks();
      const result = (await call('POST', '/compliance/risks/propose', undefined, pm)).json();
      const after = await questionnaireRisks();
      const added = after.filter((r) => !before.some((b) => b.id === r.id));
      expect(result.created).toBe(added.length);
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((r) => r.practiceId === practiceB)).toBe(true);
    });
  });

  it('pages through the register in level order with a cursor', async () => {
    const all = (await call('GET', '/compliance/risks?limit=200')).json().items as Risk[];
    expect(all.length).toBeGreaterThan(7);
    const ranks = all.map((r) => ['low', 'medium', 'high', 'critical'].indexOf(r.level));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await call('GET', `/compliance/risks?limit=3${query}`)).json();
      paged.push(...page.items.map((r: Risk) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((r) => r.id));
    const foreign = await call('GET', '/compliance/tasks?limit=3&cursor=bm90LWEtY3Vyc29y');
    expect(foreign.statusCode).toBe(400);
  });

  it('hides another DSO’s risks', async () => {
    const stranger = await authAs(get().handle, otherDsoId);
    const mine = (await call('POST', '/compliance/risks', manual)).json().id;
    expect((await call('GET', `/compliance/risks/${mine}`, undefined, stranger)).statusCode).toBe(404);
    const theirs = (await call('GET', '/compliance/risks?limit=200', undefined, stranger)).json().items;
    expect(theirs).toEqual([]);
  });
});
