import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { questionnaire } from '../../src/modules/compliance/questionnaire.ts';
import { newId } from '../../src/platform/ids.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const now = '2026-11-02T15:00:00.000Z';

/** The text of every page, items joined by spaces, pages by newlines (pdf.js, as a reader would extract it). */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

describeEachDialect('risk-analysis report API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let north: string;
  let south: string;
  const admin = () => authAs(get().handle, dsoId, 'dso_admin');

  const riskAnalysis = questionnaire().questions.filter((q) => q.area === 'risk-analysis');
  const dsoQuestions = riskAnalysis.filter((q) => q.defaultScope === 'dso');
  const physical = questionnaire().questions.find((q) => q.area === 'physical');

  async function answer(scopeType: string, scopeId: string, questionId: string, optionId: string) {
    await get()
      .handle.db.insertInto('complianceAnswers')
      .values({
        id: newId(),
        dsoId,
        scopeType,
        scopeId,
        questionId,
        optionId,
        justification: null,
        note: null,
        answeredBy: 'test',
        answeredAt: now,
      })
      .execute();
  }

  async function addRisk(title: string, level: string, practiceId: string | null) {
    await get()
      .handle.db.insertInto('risks')
      .values({
        id: newId(),
        dsoId,
        practiceId,
        title,
        threat: 'ransomware',
        vulnerability: 'no-offline-backup',
        assetGroup: 'practice-management',
        likelihood: 'high',
        impact: 'high',
        level,
        status: 'open',
        source: 'manual',
        sourceRef: null,
        ownerUserId: null,
        treatment: 'mitigate',
        treatmentNote: null,
        residualLikelihood: null,
        residualImpact: null,
        residualLevel: null,
        nextReviewDate: '2027-02-01',
        acceptedBy: null,
        acceptedReason: null,
        acceptedUntil: null,
        acceptedAt: null,
        sourceResolvedAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }

  async function addTask(title: string, dueDate: string, practiceId: string | null) {
    await get()
      .handle.db.insertInto('remediationTasks')
      .values({
        id: newId(),
        dsoId,
        practiceId,
        title,
        description: null,
        ownerUserId: null,
        dueDate,
        status: 'open',
        riskIds: '[]',
        controlIds: '[]',
        completedAt: null,
        lastReminderAt: null,
        escalatedAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle, {}, now));
    const deps = testDeps(get().handle, now);
    dsoId = (await buildDso(deps, { name: 'Summit Dental Partners' })).id;
    north = (await buildPractice(deps, dsoId, { name: 'North Smiles' })).id;
    south = (await buildPractice(deps, dsoId, { name: 'South Smiles' })).id;
    // Every DSO-level risk-analysis question in place except the first, which is not in place (score 3).
    for (const [i, q] of dsoQuestions.entries()) await answer('dso', dsoId, q.id, i === 0 ? 'no' : 'yes');
    if (physical) await answer('practice', north, physical.id, 'no');
    await addRisk('Ransomware encrypts the imaging server', 'critical', north);
    await addRisk('=HYPERLINK("http://evil.example","click")', 'low', null);
    await addTask('Move backups offline', '2026-10-15', north);
    await addTask('Run a restore test', '2026-12-15', null);
  });

  /** The area score the report must show: 100 × (1 − Σ scores ÷ (3 × answers)), from the questionnaire. */
  const expectedRiskAnalysisScore = Math.round(100 * (1 - 3 / (3 * dsoQuestions.length)));

  it('answers the PDF as an attachment with the cover, summary, scores, risks, plan and method', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/compliance/report?format=pdf',
      headers: await admin(),
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="risk-analysis-2026-11-02.pdf"',
    );
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('Summit Dental Partners');
    expect(text).toContain('HIPAA Security Risk Analysis');
    expect(text).toContain('Generated 2026-11-02');
    expect(text).toContain('Not yet signed off');
    expect(text).toContain('Executive summary');
    expect(text).toContain('2 practice(s) assessed');
    expect(text).toContain(`Risk analysis basics: Scores ${expectedRiskAnalysisScore}`);
    expect(text).toContain('Scores per practice');
    const total = questionnaire().questions.length;
    expect(text).toMatch(new RegExp(`North Smiles\\s+${dsoQuestions.length + 1}/${total}`));
    expect(text).toContain('South Smiles');
    expect(text).toContain('Risk register');
    expect(text).toContain('1 critical, 0 high, 0 medium, 1 low');
    expect(text).toContain('Ransomware encrypts the imaging server');
    expect(text).toContain('Remediation plan');
    expect(text).toContain('1 overdue');
    expect(text).toContain('OVERDUE');
    expect(text).toContain('Control status');
    expect(text).toContain('Appendix: method and scoring');
    expect(text).toContain('45 CFR 164.308(a)(1)(ii)(A)');
    expect(text).toMatch(/Page 2 of \d+/);
    const exports = await get()
      .handle.db.selectFrom('auditEvents')
      .select(['resourceId'])
      .where('dsoId', '=', dsoId)
      .where('action', '=', 'compliance.report.export')
      .execute();
    expect(exports).toEqual([{ resourceId: 'pdf' }]);
  });

  it('answers the CSV with a section column, RFC 4180 quoting and formula injection guarded', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/compliance/report?format=csv',
      headers: await admin(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="risk-analysis-2026-11-02.csv"',
    );
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    const section = (name: string) => rows.filter((row) => row.section === name);
    expect(section('report')[0]).toMatchObject({ name: 'Summit Dental Partners' });
    const area = section('area-score').find((row) => row.id === 'risk-analysis');
    expect(area).toMatchObject({
      score: String(expectedRiskAnalysisScore),
      answered: String(2 * dsoQuestions.length),
      gaps: '2',
    });
    expect(section('area-score')).toHaveLength(questionnaire().areas.length);
    // One overall row and one row per area for each practice.
    expect(section('practice-score')).toHaveLength(2 * (questionnaire().areas.length + 1));
    const northPhysical = section('practice-score').find(
      (row) => row.practice === 'North Smiles' && row.area === 'physical',
    );
    const southPhysical = section('practice-score').find(
      (row) => row.practice === 'South Smiles' && row.area === 'physical',
    );
    expect(northPhysical?.score).toBe('0');
    expect(southPhysical?.score).toBe('');
    const risks = section('risk');
    expect(risks.map((r) => r.level)).toEqual(['critical', 'low']);
    expect(risks[1]?.name).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(response.body).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    const tasks = section('task');
    expect(tasks.map((t) => [t.name, t.date, t.overdue])).toEqual([
      ['Move backups offline', '2026-10-15', 'yes'],
      ['Run a restore test', '2026-12-15', 'no'],
    ]);
    expect(section('control').length).toBeGreaterThan(10);
  });

  it('refuses an unknown format, naming it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/compliance/report?format=docx',
      headers: await admin(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.body).toContain('format');
  });

  it('signs off the data, shows it in the PDF, and says when the data changed since', async () => {
    const officer = await authAs(get().handle, dsoId, 'security_officer');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/report/sign-off',
      headers: officer,
      payload: { signerTitle: 'Security Official' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('statement');
    const signed = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/report/sign-off',
      headers: officer,
      payload: {
        signerTitle: 'Security Official',
        statement: 'I reviewed this risk analysis and accept it.',
      },
    });
    expect(signed.statusCode).toBe(201);
    const signOff = signed.json();
    expect(signOff).toMatchObject({
      signerName: 'Test security_officer',
      signerTitle: 'Security Official',
      signedAt: now,
    });
    expect(signOff.contentSha256).toMatch(/^[0-9a-f]{64}$/);

    const history = await app.inject({
      method: 'GET',
      url: '/api/v1/compliance/report/sign-offs',
      headers: await admin(),
    });
    expect(history.json()).toMatchObject({
      items: [{ id: signOff.id }],
      currentSha256: signOff.contentSha256,
      changedSinceSignOff: false,
    });
    const unchanged = await pdfText(
      (await app.inject({ method: 'GET', url: '/api/v1/compliance/report', headers: await admin() }))
        .rawPayload,
    );
    expect(unchanged).toContain('Signed off by Test security_officer, Security Official');
    expect(unchanged).toContain('I reviewed this risk analysis and accept it.');
    expect(unchanged).toContain('Unchanged since sign-off');

    const events = await get()
      .handle.db.selectFrom('auditEvents')
      .select(['action', 'resourceId'])
      .where('dsoId', '=', dsoId)
      .where('action', '=', 'riskAnalysisSignOffs.create')
      .execute();
    expect(events).toEqual([{ action: 'riskAnalysisSignOffs.create', resourceId: signOff.id }]);

    await addRisk('Lost laptop with unencrypted disk', 'high', south);
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/compliance/report/sign-offs',
      headers: await admin(),
    });
    expect(after.json().changedSinceSignOff).toBe(true);
    expect(after.json().currentSha256).not.toBe(signOff.contentSha256);
    const changed = await pdfText(
      (await app.inject({ method: 'GET', url: '/api/v1/compliance/report', headers: await admin() }))
        .rawPayload,
    );
    expect(changed).toContain('Changed since sign-off');
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/compliance/report?format=csv',
      headers: await admin(),
    });
    expect(csv.body).toContain('changed since sign-off');
  });

  it('an auditor may export but not sign off', async () => {
    const auditor = await authAs(get().handle, dsoId, 'auditor');
    const report = await app.inject({
      method: 'GET',
      url: '/api/v1/compliance/report?format=csv',
      headers: auditor,
    });
    expect(report.statusCode).toBe(200);
    const sign = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/report/sign-off',
      headers: auditor,
      payload: { signerTitle: 'Auditor', statement: 'Not allowed to sign.' },
    });
    expect(sign.statusCode).toBe(403);
  });
});
