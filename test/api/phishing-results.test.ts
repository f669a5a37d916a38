import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordPhishingEvents } from '../../src/modules/phishing/events.ts';
import { statsOf } from '../../src/modules/phishing/results/results.service.ts';
import { csvCell } from '../../src/platform/csv.ts';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { seedCampaign } from './route-table/phishing-results.ts';

const now = '2026-11-02T15:00:00.000Z';

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const count = doc.numPages;
  await doc.destroy();
  return `${count} pages\n${pages.join('\n')}`;
}

describe('results formulas', () => {
  const sums = (over: Partial<Record<string, number>>) => ({
    recipients: 10,
    sent: 10,
    errors: 0,
    opened: 0,
    clicked: 0,
    submitted: 0,
    reported: 0,
    failed: 0,
    missed: 10,
    automatedRecipients: 0,
    automatedEvents: 0,
    ...over,
  });

  it('divides by emails sent, and the resilience ratio is null without failures', () => {
    expect(statsOf(sums({ failed: 3, reported: 1, missed: 6 }))).toMatchObject({
      failRate: 30,
      reportRate: 10,
      missRate: 60,
      resilienceRatio: 0.33,
    });
    expect(statsOf(sums({ reported: 4, missed: 6 })).resilienceRatio).toBeNull();
    expect(statsOf(sums({ sent: 0, missed: 0 }))).toMatchObject({ failRate: null, reportRate: null });
    // PostgreSQL answers sums as strings.
    expect(statsOf(sums({ sent: '8' as unknown as number, failed: '2' as unknown as number })).failRate).toBe(
      25,
    );
  });

  it('guards CSV cells against formulas and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
  });
});

describeEachDialect('phishing results API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let north: string;
  let south: string;
  let campaignId: string;
  let secondId: string;
  let messageIds: string[];
  let pat: string;
  const admin = () => authAs(get().handle, dsoId, 'security_officer');
  const getJson = async (url: string, headers?: Record<string, string>) => {
    const response = await app.inject({ url, headers: headers ?? (await admin()) });
    expect([url, response.statusCode]).toEqual([url, 200]);
    return response.json();
  };

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle, {}, now));
    const deps = testDeps(get().handle, now);
    dsoId = (await buildDso(deps, { name: 'Bright Smiles DSO' })).id;
    north = (await buildPractice(deps, dsoId, { name: 'North Dental' })).id;
    south = (await buildPractice(deps, dsoId, { name: 'South Dental' })).id;
    pat = (await buildPerson(deps, dsoId, { email: 'pat@bright.example', practiceIds: [north] })).id;
    const seeded = await seedCampaign(get().handle.db, {
      dsoId,
      name: 'October payer lure',
      launchAt: '2026-10-20T14:00:00.000Z',
      recipients: [
        { email: 'n1@bright.example', practiceId: north, jobRole: 'dentist', actions: ['opened'] },
        { email: 'pat@bright.example', personId: pat, practiceId: north, actions: ['clicked'] },
        { email: 'n3@bright.example', practiceId: north, actions: ['opened', 'clicked', 'submitted'] },
        { email: 'n4@bright.example', practiceId: north, jobRole: 'billing', actions: ['reported'] },
        {
          email: 'n5@bright.example',
          firstName: '=HYPERLINK("http://evil")',
          practiceId: north,
          jobRole: 'billing',
          actions: ['scanner'],
        },
        {
          email: 's1@bright.example',
          practiceId: south,
          jobRole: 'assistant',
          actions: ['clicked', 'reported'],
        },
        { email: 's2@bright.example', practiceId: south, jobRole: 'assistant', actions: ['reported'] },
        { email: 's3@bright.example', practiceId: south, jobRole: 'assistant' },
        { email: 's4@bright.example', practiceId: south, jobRole: 'assistant', state: 'error' },
        {
          email: 'frontdesk@bright.example',
          practiceId: south,
          jobRole: 'front_desk',
          sharedMailbox: true,
          actions: ['clicked'],
        },
      ],
    });
    campaignId = seeded.campaignId;
    messageIds = seeded.messageIds;
    secondId = (
      await seedCampaign(get().handle.db, {
        dsoId,
        name: 'November IT lure',
        launchAt: '2026-10-28T14:00:00.000Z',
        recipients: [
          { email: 'pat@bright.example', personId: pat, practiceId: north, actions: ['clicked'] },
          // No person id: matched by email (case-insensitive) across campaigns.
          { email: 'N3@bright.example', practiceId: north, actions: ['clicked'] },
          { email: 's1@bright.example', practiceId: south, jobRole: 'assistant', actions: ['reported'] },
          { email: 'frontdesk@bright.example', practiceId: south, sharedMailbox: true, actions: ['clicked'] },
        ],
      })
    ).campaignId;
    await seedCampaign(get().handle.db, {
      dsoId,
      name: 'Draft lure',
      launchAt: '2026-12-01T14:00:00.000Z',
      status: 'draft',
      recipients: [{ email: 'n1@bright.example', practiceId: north, state: 'scheduled' }],
    });
  });

  it('computes the statistics, breakdowns and time to first report with SQL aggregates', async () => {
    const results = await getJson(`/api/v1/phishing/campaigns/${campaignId}/results`);
    expect(results.campaign).toMatchObject({
      id: campaignId,
      name: 'October payer lure',
      status: 'completed',
    });
    expect(results.stats).toEqual({
      recipients: 10,
      sent: 9,
      errors: 1,
      opened: 5,
      clicked: 4,
      submitted: 1,
      reported: 3,
      failed: 4,
      missed: 3,
      automatedRecipients: 1,
      automatedEvents: 1,
      failRate: 44.4,
      reportRate: 33.3,
      missRate: 33.3,
      openRate: 55.6,
      resilienceRatio: 0.75,
    });
    // Sent one minute after launch, first report ten minutes after launch.
    expect(results.secondsToFirstReport).toBe(540);
    expect(results.byPractice.map((p: { practiceName: string }) => p.practiceName)).toEqual([
      'North Dental',
      'South Dental',
    ]);
    expect(results.byPractice[0]).toMatchObject({ sent: 5, failed: 2, failRate: 40, reportRate: 20 });
    // The shared mailbox is counted apart, not in South's people.
    expect(results.byPractice[1]).toMatchObject({
      recipients: 4,
      sent: 3,
      errors: 1,
      failed: 1,
      reported: 2,
    });
    expect(results.sharedMailboxes).toMatchObject({ recipients: 1, failed: 1, failRate: 100 });
    const billing = results.byJobRole.find((r: { jobRole: string }) => r.jobRole === 'billing');
    expect(billing).toMatchObject({
      sent: 2,
      failed: 0,
      reported: 1,
      automatedEvents: 1,
      resilienceRatio: null,
    });
  });

  it('shows a practice manager only their practices', async () => {
    const manager = await authAs(get().handle, dsoId, 'practice_manager', [south]);
    const results = await getJson(`/api/v1/phishing/campaigns/${campaignId}/results`, manager);
    expect(results.practiceIds).toEqual([south]);
    expect(results.stats.recipients).toBe(5);
    expect(results.byPractice.map((p: { practiceId: string }) => p.practiceId)).toEqual([south]);
    const page = await getJson(`/api/v1/phishing/campaigns/${campaignId}/recipients?limit=50`, manager);
    expect(page.items.every((r: { practiceId: string }) => r.practiceId === south)).toBe(true);
    const other = await app.inject({
      url: `/api/v1/phishing/campaigns/${campaignId}/recipients/${messageIds[1]}/timeline`,
      headers: manager,
    });
    expect(other.statusCode).toBe(404);
    const outside = await app.inject({
      url: `/api/v1/phishing/campaigns/${campaignId}/results?practiceId=${north}`,
      headers: manager,
    });
    expect(outside.statusCode).toBe(404);
    const offenders = await getJson('/api/v1/phishing/results/repeat-offenders', manager);
    expect(offenders.items).toEqual([]);
  });

  it('pages recipients on the server and filters by status, practice and text', async () => {
    const base = `/api/v1/phishing/campaigns/${campaignId}/recipients`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await getJson(`${base}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((r: { email: string }) => r.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect([...seen].sort()).toEqual(seen);
    const emails = async (query: string) =>
      (await getJson(`${base}?${query}`)).items.map((r: { email: string }) => r.email);
    expect(await emails('status=failed')).toEqual([
      'frontdesk@bright.example',
      'n3@bright.example',
      'pat@bright.example',
      's1@bright.example',
    ]);
    expect(await emails('status=reported')).toEqual([
      'n4@bright.example',
      's1@bright.example',
      's2@bright.example',
    ]);
    expect(await emails('status=missed')).toEqual([
      'n1@bright.example',
      'n5@bright.example',
      's3@bright.example',
    ]);
    expect(await emails('status=error')).toEqual(['s4@bright.example']);
    expect(await emails('status=automated')).toEqual(['n5@bright.example']);
    expect(await emails(`status=failed&practiceId=${north}`)).toEqual([
      'n3@bright.example',
      'pat@bright.example',
    ]);
    expect(await emails('q=PAT')).toEqual(['pat@bright.example']);
    expect(await emails('q=100%25')).toEqual([]);
    const n3 = (await getJson(`${base}?q=n3`)).items[0];
    expect(n3).toMatchObject({ result: 'submitted', failed: true, practiceName: 'North Dental' });
    const bad = await app.inject({ url: `${base}?status=clicked`, headers: await admin() });
    expect(bad.statusCode).toBe(400);
    const badCursor = await app.inject({ url: `${base}?cursor=nope`, headers: await admin() });
    expect(badCursor.json().error.code).toBe('CURSOR_INVALID');
  });

  it("gives a recipient's timeline with GoPhish labels and scanner events marked", async () => {
    const scanned = await getJson(
      `/api/v1/phishing/campaigns/${campaignId}/recipients/${messageIds[4]}/timeline`,
    );
    expect(scanned.events.map((e: { label: string; automated: boolean }) => [e.label, e.automated])).toEqual([
      ['Email Sent', false],
      ['Clicked Link', true],
    ]);
    expect(scanned.recipient).toMatchObject({ result: 'sent', automatedClicks: 1, failed: false });
    const n3 = await getJson(`/api/v1/phishing/campaigns/${campaignId}/recipients/${messageIds[2]}/timeline`);
    expect(n3.events.map((e: { label: string }) => e.label)).toEqual([
      'Email Sent',
      'Email Opened',
      'Clicked Link',
      'Submitted Data',
    ]);
    const wrongCampaign = await app.inject({
      url: `/api/v1/phishing/campaigns/${secondId}/recipients/${messageIds[2]}/timeline`,
      headers: await admin(),
    });
    expect(wrongCampaign.statusCode).toBe(404);
  });

  it('finds repeat offenders by person, else email, and shows trends per launched campaign', async () => {
    const two = await getJson('/api/v1/phishing/results/repeat-offenders');
    expect(two.threshold).toBe(2);
    expect(
      two.items.map((o: { email: string; failures: number }) => [o.email.toLowerCase(), o.failures]),
    ).toEqual([
      ['n3@bright.example', 2],
      ['pat@bright.example', 2],
    ]);
    expect(two.items[1]).toMatchObject({ personId: pat, campaigns: 2, practiceName: 'North Dental' });
    const three = await getJson('/api/v1/phishing/results/repeat-offenders?threshold=3');
    expect(three.items).toEqual([]);
    const one = await getJson('/api/v1/phishing/results/repeat-offenders?threshold=1');
    expect(one.items.map((o: { email: string }) => o.email)).not.toContain('frontdesk@bright.example');

    const trends = await getJson('/api/v1/phishing/results/trends');
    expect(trends.items).toEqual([
      expect.objectContaining({ campaignId, sent: 9, failRate: 44.4, reportRate: 33.3 }),
      expect.objectContaining({ campaignId: secondId, sent: 4, failed: 3, failRate: 75, reportRate: 25 }),
    ]);
  });

  it('exports one CSV line per recipient with formula cells guarded', async () => {
    const response = await app.inject({
      url: `/api/v1/phishing/campaigns/${campaignId}/results.csv`,
      headers: await admin(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('phishing-october-payer-lure.csv');
    expect(response.body).toContain('\r\n');
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(10);
    const n5 = rows.find((r) => r.email === 'n5@bright.example');
    expect(n5).toMatchObject({
      firstName: `'=HYPERLINK("http://evil")`,
      practice: 'North Dental',
      automatedEvents: '1',
      failed: 'no',
    });
    expect(rows.find((r) => r.email === 's4@bright.example')).toMatchObject({
      state: 'error',
      error: '550 5.1.1 mailbox unavailable',
    });
  });

  it('writes a PDF summary for practice managers, for one practice on request', async () => {
    const response = await app.inject({
      url: `/api/v1/phishing/campaigns/${campaignId}/summary.pdf`,
      headers: await admin(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.rawPayload);
    expect(text).toMatch(/^[12] pages/);
    for (const expected of [
      'October payer lure',
      'Bright Smiles DSO',
      'Fail rate',
      '44.4%',
      '33.3%',
      '0.75',
      'North Dental',
      'South Dental',
      'What to do next',
    ]) {
      expect(text).toContain(expected);
    }
    const one = await app.inject({
      url: `/api/v1/phishing/campaigns/${campaignId}/summary.pdf?practiceId=${north}`,
      headers: await authAs(get().handle, dsoId, 'practice_manager', [north]),
    });
    const northText = await pdfText(one.rawPayload);
    expect(northText).toContain('Practice: North Dental');
    expect(northText).toContain('40%');
    expect(northText).not.toContain('South Dental');
  });

  it('records the fail rate as a compliance signal and the linked control changes status', async () => {
    const control = async () =>
      (await getJson('/api/v1/compliance/controls/phishing-simulation', await authAs(get().handle, dsoId)))
        .status as string;
    const before = await control();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/results/publish-signals',
      headers: await admin(),
    });
    expect(response.statusCode).toBe(200);
    // 13 emails sent in the last 90 days: 7 failed (the shared mailbox too), 4 reported.
    expect(response.json()).toMatchObject({
      recorded: true,
      sent: 13,
      failRate: 53.8,
      reportRate: 30.8,
      signals: [{ signal: 'phishing-fail-rate', value: 53.8, state: 'fail' }],
    });
    expect(before).not.toBe('failing');
    expect(await control()).toBe('failing');
    const reader = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/results/publish-signals',
      headers: await authAs(get().handle, dsoId, 'auditor'),
    });
    expect(reader.statusCode).toBe(403);
  });

  it('shows a newly recorded event at once, although the figures are cached between requests', async () => {
    const small = await seedCampaign(get().handle.db, {
      dsoId,
      name: 'Live lure',
      launchAt: '2026-11-02T13:00:00.000Z',
      status: 'sending',
      recipients: [{ email: 'live@bright.example', practiceId: north }],
    });
    const url = `/api/v1/phishing/campaigns/${small.campaignId}/results`;
    expect((await getJson(url)).stats).toMatchObject({ sent: 1, reported: 0, missed: 1 });
    await recordPhishingEvents(get().handle.db, [
      {
        dsoId,
        campaignId: small.campaignId,
        messageId: small.messageIds[0] as string,
        type: 'email_reported',
        occurredAt: '2026-11-02T14:59:00.000Z',
      },
    ]);
    expect((await getJson(url)).stats).toMatchObject({ sent: 1, reported: 1, missed: 0, reportRate: 100 });
  });

  it('answers 404 for an unknown campaign', async () => {
    const response = await app.inject({
      url: '/api/v1/phishing/campaigns/01900000-0000-7000-8000-000000000001/results',
      headers: await admin(),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toContain('01900000-0000-7000-8000-000000000001');
  });
});
