import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { localParts, seededRandom } from '../../src/engines/phishing-schedule/index.ts';
import { insertMemberships, insertPeople, searchTextOf, sortNameOf } from '../../src/modules/people/index.ts';
import { resumeCampaign } from '../../src/modules/phishing/campaigns/campaign-lifecycle.service.ts';
import { createCampaign } from '../../src/modules/phishing/campaigns/campaigns.service.ts';
import { listBuiltinTemplates } from '../../src/modules/phishing/templates/index.ts';
import { trackingTokenPattern } from '../../src/modules/phishing/tracking/urls.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

/** The sending area owns profiles; a row is enough for a campaign to name one. */
async function insertSendingProfile(handle: DatabaseHandle, dsoId: string): Promise<string> {
  const id = newId();
  const at = '2026-11-01T00:00:00.000Z';
  await handle.db
    .insertInto('sendingProfiles')
    .values({
      id,
      dsoId,
      name: 'Simulation relay',
      smtpUrl: 'not-used-by-these-tests',
      maxConnections: 2,
      dkimDomain: null,
      dkimSelector: null,
      dkimPrivateKey: null,
      headers: '[]',
      simulationHeaderName: 'X-Enamel-Simulation',
      simulationHeaderValue: 'true',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  return id;
}

const templateIds = listBuiltinTemplates()
  .slice(0, 3)
  .map((t) => t.id);
const weekdays = { start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] };
// The test clock reads Monday 2 November 2026 15:00 UTC.
const launchAt = '2026-11-03T12:00:00.000Z';
const sendBy = '2026-11-06T23:00:00.000Z';

function inBusinessHours(at: string, timeZone: string): boolean {
  const p = localParts(new Date(at).getTime(), timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7;
  const minute = p.hour * 60 + p.minute;
  return weekday <= 5 && minute >= 8 * 60 && minute < 17 * 60;
}

describeEachDialect('phishing: campaigns, audiences and schedules', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let admin: AuthHeaders;
  let profile: string;
  const practices: Record<string, { id: string; timeZone: string }> = {};
  const emails: Record<string, string> = {};

  const api = (method: 'GET' | 'POST', url: string, headers: AuthHeaders, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const campaignBody = (overrides: object = {}) => ({
    name: 'November payer lures',
    templateIds,
    sendingProfileId: profile,
    audience: {},
    launchAt,
    sendBy,
    ...overrides,
  });
  const messagesOf = (campaignId: string) =>
    get()
      .handle.db.selectFrom('phishingMessages')
      .selectAll()
      .where('campaignId', '=', campaignId)
      .orderBy('email')
      .execute();

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    for (const [key, name, timeZone, state] of [
      ['ny', 'Brooklyn Smiles', 'America/New_York', 'NY'],
      ['den', 'Denver Family Dental', 'America/Denver', 'CO'],
      ['phx', 'Phoenix Dental Arts', 'America/Phoenix', 'AZ'],
      ['hnl', 'Honolulu Dental', 'Pacific/Honolulu', 'HI'],
    ] as const) {
      practices[key] = { id: (await buildPractice(deps, dsoId, { name, timeZone, state })).id, timeZone };
    }
    const person = async (
      key: string,
      jobRole: 'hygienist' | 'front_desk' | 'dentist' | 'billing',
      at: string[],
      extra = {},
    ) => {
      const created = await buildPerson(deps, dsoId, {
        jobRole,
        practiceIds: at.map((p) => practices[p]?.id as string),
        email: `${key}@brooklynsmiles.example`,
        firstName: key[0]?.toUpperCase() + key.slice(1),
        ...extra,
      });
      emails[key] = created.email;
    };
    await person('alice', 'hygienist', ['ny'], { tags: ['billing-team'] });
    // In two practices: "Brooklyn Smiles" sorts before "Denver Family Dental".
    await person('bob', 'front_desk', ['den', 'ny']);
    await person('carol', 'dentist', ['phx'], { status: 'terminated', terminationDate: '2026-10-01' });
    await person('dave', 'front_desk', ['hnl'], { tags: ['New-Hire'] });
    await person('erin', 'billing', ['ny'], { status: 'leave' });
    for (let i = 0; i < 40; i += 1) await person(`staff${i}`, 'dentist', [i % 2 ? 'den' : 'phx']);
    admin = await authAs(get().handle, dsoId);
    profile = await insertSendingProfile(get().handle, dsoId);
  });

  describe('audience', () => {
    const preview = async (audience: object, extra: object = {}) => {
      const response = await api('POST', '/phishing/campaigns/preview-audience', admin, {
        audience,
        ...extra,
      });
      expect(response.statusCode).toBe(200);
      return response.json();
    };

    it('selects by practice, once per person, under the first practice named', async () => {
      const body = await preview({ practiceIds: [practices.ny?.id] });
      expect(body.sample.map((r: { email: string }) => r.email).sort()).toEqual([emails.alice, emails.bob]);
      expect(body.byPractice).toEqual([
        { practiceId: practices.ny?.id, practiceName: 'Brooklyn Smiles', count: 2 },
      ]);
      const both = await preview({ practiceIds: [practices.den?.id, practices.ny?.id] });
      const bob = both.sample.find((r: { email: string }) => r.email === emails.bob);
      expect(bob.practiceName).toBe('Denver Family Dental');
      expect(both.total).toBe(22);
    });

    it('selects by role, leaves out people on leave or terminated, and counts by role', async () => {
      const body = await preview({ jobRoles: ['front_desk', 'billing', 'dentist'] });
      expect(body.byRole).toEqual([
        { jobRole: 'dentist', count: 40 },
        { jobRole: 'front_desk', count: 2 },
      ]);
      const all = await preview({});
      expect(all.total).toBe(43);
      expect((await preview({ practiceIds: [], jobRoles: [], tags: [] })).total).toBe(43);
      expect(JSON.stringify(all)).not.toContain('carol');
      expect(JSON.stringify(all)).not.toContain('erin');
      const frontDesk = await preview({ jobRoles: ['front_desk'] });
      const bob = frontDesk.sample.find((r: { email: string }) => r.email === emails.bob);
      expect(bob.practiceName).toBe('Brooklyn Smiles');
    });

    it('selects by tag, ignoring case', async () => {
      const body = await preview({ tags: ['new-hire', 'billing-team'] });
      expect(body.sample.map((r: { email: string }) => r.email).sort()).toEqual([emails.alice, emails.dave]);
    });

    it('adds shared mailboxes once by email, and renders a template for the first recipient', async () => {
      const body = await preview(
        {
          practiceIds: [practices.ny?.id],
          sharedMailboxes: [
            { email: 'FrontDesk@BrooklynSmiles.example', practiceId: practices.ny?.id, label: 'Front desk' },
            { email: emails.alice, practiceId: practices.ny?.id, label: 'Duplicate of Alice' },
            { email: 'frontdesk@brooklynsmiles.example', practiceId: practices.ny?.id, label: 'Again' },
          ],
        },
        { templateId: templateIds[0] },
      );
      expect(body).toMatchObject({ total: 3, people: 2, sharedMailboxes: 1 });
      expect(body.sample.at(-1)).toMatchObject({
        email: 'frontdesk@brooklynsmiles.example',
        firstName: 'Front desk',
        sharedMailbox: true,
      });
      expect(body.email.templateId).toBe(templateIds[0]);
      expect(body.email.html).toContain('/l/preview');
      expect(body.email.subject.length).toBeGreaterThan(0);
    });

    it('refuses a practice of another DSO, naming it', async () => {
      const other = await buildPractice(testDeps(get().handle), (await buildDso(testDeps(get().handle))).id);
      const response = await api('POST', '/phishing/campaigns/preview-audience', admin, {
        audience: { sharedMailboxes: [{ email: 'x@y.example', practiceId: other.id, label: 'X' }] },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.issues[0]).toMatchObject({
        path: ['body', 'audience', 'sharedMailboxes', 0, 'practiceId'],
        code: 'not_found',
        message: `Practice "${other.id}" was not found.`,
      });
    });
  });

  describe('creating a campaign', () => {
    it('schedules every recipient inside business hours in its practice zone, in a random order', async () => {
      const deps = testDeps(get().handle);
      const input = {
        ...campaignBody({
          audience: {
            sharedMailboxes: [
              {
                email: 'frontdesk@honoluludental.example',
                practiceId: practices.hnl?.id as string,
                label: 'Front desk',
              },
            ],
          },
        }),
        sendingProfileId: profile,
        businessHours: weekdays,
      };
      const view = await createCampaign(deps, { dsoId }, input, { random: seededRandom(11) });
      expect(view).toMatchObject({
        status: 'scheduled',
        recipients: 44,
        counts: { total: 44, scheduled: 44 },
      });
      const messages = await messagesOf(view.id);
      expect(messages).toHaveLength(44);
      const zoneOf = new Map(Object.values(practices).map((p) => [p.id, p.timeZone]));
      for (const m of messages) {
        const zone = zoneOf.get(m.practiceId as string) as string;
        expect([m.email, inBusinessHours(m.scheduledAt, zone)]).toEqual([m.email, true]);
        expect(m.scheduledAt >= launchAt && m.scheduledAt <= sendBy).toBe(true);
        expect(m).toMatchObject({ state: 'scheduled', attempts: 0, automatedClicks: 0, leaseUntil: null });
        expect(m.token).toMatch(trackingTokenPattern);
      }
      expect(new Set(messages.map((m) => m.token)).size).toBe(44);
      const mailbox = messages.find((m) => m.email === 'frontdesk@honoluludental.example');
      expect(mailbox).toMatchObject({ sharedMailbox: 1, personId: null, practiceId: practices.hnl?.id });
      // Every template of the set is used, and none outside it.
      const used = new Map<string, number>();
      for (const m of messages) used.set(m.templateId, (used.get(m.templateId) ?? 0) + 1);
      expect([...used.keys()].sort()).toEqual([...templateIds].sort());
      for (const count of used.values()) expect(count).toBeGreaterThanOrEqual(5);

      // The same seed gives the same templates and times; another seed another plan.
      const again = await messagesOf(
        (await createCampaign(deps, { dsoId }, input, { random: seededRandom(11) })).id,
      );
      const other = await messagesOf(
        (await createCampaign(deps, { dsoId }, input, { random: seededRandom(12) })).id,
      );
      const plan = (rows: typeof messages) => rows.map((m) => `${m.email} ${m.templateId} ${m.scheduledAt}`);
      expect(plan(again)).toEqual(plan(messages));
      expect(plan(other)).not.toEqual(plan(messages));
    });

    it('creates through the API with default business hours and records counts in the audit trail', async () => {
      const response = await api('POST', '/phishing/campaigns', admin, campaignBody({ sendBy: null }));
      expect(response.statusCode).toBe(201);
      const view = response.json();
      expect(view.businessHours).toEqual(weekdays);
      expect(view.sendBy).toBeNull();
      const messages = await messagesOf(view.id);
      // Without send-by, each zone starts at its first business moment after launch (Tuesday 12:00 UTC).
      const denver = messages.find((m) => m.practiceId === practices.den?.id);
      expect(denver?.scheduledAt).toBe('2026-11-03T15:00:00.000Z');
      const trail = await get()
        .handle.db.selectFrom('auditEvents')
        .select(['detail', 'changedFields'])
        .where('action', '=', 'phishingCampaigns.create')
        .where('resourceId', '=', view.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(trail.detail as string)).toEqual({
        practices: 4,
        recipients: 43,
        sharedMailboxes: 0,
        templates: 3,
      });
      expect(trail.changedFields).not.toContain('@');
    });

    it.each([
      [
        { templateIds: ['builtin:no-such-lure'] },
        ['templateIds', 0],
        'Template "builtin:no-such-lure" was not found.',
      ],
      [{ templateIds: [] }, ['templateIds'], 'choose at least one template'],
      [{ sendBy: '2026-11-03T11:00:00Z' }, ['sendBy'], 'must be after launchAt.'],
      [{ launchAt: '2026-11-01T12:00:00Z' }, ['launchAt'], 'must be in the future.'],
      [
        { audience: { tags: ['nobody-has-this'] } },
        ['audience'],
        'selects no active person and no shared mailbox.',
      ],
      [{ landingPageId: newId() }, ['landingPageId'], 'was not found.'],
      [
        { businessHours: { start: '17:00', end: '08:00', days: [1] } },
        ['businessHours'],
        'must be after their start',
      ],
      [
        // Eight in the morning UTC is night in every practice zone.
        { launchAt: '2026-11-03T08:00:00Z', sendBy: '2026-11-03T09:00:00Z' },
        ['sendBy'],
        'holds no business hours',
      ],
    ])('refuses %j naming the field', async (overrides, path, message) => {
      const response = await api('POST', '/phishing/campaigns', admin, campaignBody(overrides));
      expect(response.statusCode).toBe(400);
      const issue = response.json().error.issues[0];
      expect(issue.path).toEqual(['body', ...path]);
      expect(issue.message).toContain(message);
    });

    it('names every problem of a request at once', async () => {
      const response = await api(
        'POST',
        '/phishing/campaigns',
        admin,
        campaignBody({
          templateIds: [templateIds[0], 'builtin:no-such-lure'],
          sendBy: launchAt,
          sendingProfileId: newId(),
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error.issues.map((i: { path: string[] }) => i.path.slice(1).join('.'))).toEqual([
        'sendBy',
        'templateIds.1',
        'sendingProfileId',
      ]);
    });

    it("refuses another DSO's sending profile and practice as not found", async () => {
      const otherDso = (await buildDso(testDeps(get().handle))).id;
      const otherProfile = await insertSendingProfile(get().handle, otherDso);
      const otherPractice = (await buildPractice(testDeps(get().handle), otherDso)).id;
      const response = await api(
        'POST',
        '/phishing/campaigns',
        admin,
        campaignBody({ sendingProfileId: otherProfile, audience: { practiceIds: [otherPractice] } }),
      );
      expect(response.statusCode).toBe(400);
      const issues = response.json().error.issues;
      expect(issues).toContainEqual(
        expect.objectContaining({ path: ['body', 'sendingProfileId'], code: 'not_found' }),
      );
      const practiceIssue = await api(
        'POST',
        '/phishing/campaigns',
        admin,
        campaignBody({ audience: { practiceIds: [otherPractice] } }),
      );
      expect(practiceIssue.json().error.issues[0]).toMatchObject({
        path: ['body', 'audience', 'practiceIds', 0],
        code: 'not_found',
      });
    });
  });

  describe('pause, resume and cancel', () => {
    it('moves only through allowed states and never touches sent messages', async () => {
      const created = (await api('POST', '/phishing/campaigns', admin, campaignBody())).json();
      const act = (action: string) => api('POST', `/phishing/campaigns/${created.id}/${action}`, admin);
      expect((await act('resume')).statusCode).toBe(409);
      const paused = await act('pause');
      expect(paused.json().status).toBe('paused');
      const twice = await act('pause');
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toContain(
        'is paused: only a scheduled or sending campaign can be paused',
      );
      expect((await act('resume')).json().status).toBe('scheduled');

      // The sender has sent one message and holds another.
      const [first, second] = await messagesOf(created.id);
      await get()
        .handle.db.updateTable('phishingMessages')
        .set({ state: 'sent', sentAt: '2026-11-03T12:30:00.000Z' })
        .where('id', '=', first?.id as string)
        .execute();
      await get()
        .handle.db.updateTable('phishingMessages')
        .set({ state: 'sending', leaseUntil: '2026-11-03T12:31:00.000Z' })
        .where('id', '=', second?.id as string)
        .execute();
      expect((await act('pause')).statusCode).toBe(200);
      expect((await act('resume')).json().status).toBe('sending');

      const cancelled = await act('cancel');
      expect(cancelled.json()).toMatchObject({
        status: 'cancelled',
        counts: { total: 43, sent: 1, sending: 1, scheduled: 0, cancelled: 41 },
      });
      expect((await act('cancel')).statusCode).toBe(409);
      expect((await act('resume')).statusCode).toBe(409);
      const actions = await get()
        .handle.db.selectFrom('auditEvents')
        .select(['action', 'detail'])
        .where('resourceId', '=', created.id)
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'phishingCampaigns.create',
        'phishingCampaigns.pause',
        'phishingCampaigns.resume',
        'phishingCampaigns.pause',
        'phishingCampaigns.resume',
        'phishingCampaigns.cancel',
      ]);
      expect(JSON.parse(actions.at(-1)?.detail as string)).toEqual({ cancelled: 41 });
    });

    it('spreads again the messages whose time passed during a pause, inside business hours', async () => {
      const created = (await api('POST', '/phishing/campaigns', admin, campaignBody())).json();
      await api('POST', `/phishing/campaigns/${created.id}/pause`, admin);
      // Thursday 5 November 20:00 UTC: more than half the window is gone.
      const later = testDeps(get().handle, '2026-11-05T20:00:00.000Z');
      const resumed = await resumeCampaign(later, { dsoId }, created.id, { random: seededRandom(4) });
      expect(resumed.status).toBe('scheduled');
      const zoneOf = new Map(Object.values(practices).map((p) => [p.id, p.timeZone]));
      const messages = await messagesOf(created.id);
      for (const m of messages) {
        expect(m.scheduledAt >= '2026-11-05T20:00:00.000Z' && m.scheduledAt <= sendBy).toBe(true);
        expect(inBusinessHours(m.scheduledAt, zoneOf.get(m.practiceId as string) as string)).toBe(true);
      }
      // Spread over what is left, not piled on one moment.
      expect(new Set(messages.map((m) => m.scheduledAt)).size).toBeGreaterThan(40);
    });

    it('previews one recipient’s email without a working tracking link', async () => {
      const created = (await api('POST', '/phishing/campaigns', admin, campaignBody())).json();
      const response = await api('POST', `/phishing/campaigns/${created.id}/preview`, admin, {});
      expect(response.statusCode).toBe(200);
      const preview = response.json();
      const messages = await messagesOf(created.id);
      const message = messages.find((m) => m.email === preview.recipientEmail);
      expect(message?.templateId).toBe(preview.templateId);
      for (const m of messages) expect(preview.html).not.toContain(m.token);
      const other = await api('POST', `/phishing/campaigns/${created.id}/preview`, admin, {
        messageId: newId(),
      });
      expect(other.statusCode).toBe(404);
    });
  });

  describe('listing and practice scope', () => {
    it('lists newest first with counts, page by page', async () => {
      const first = await api('GET', '/phishing/campaigns?limit=1', admin);
      expect(first.statusCode).toBe(200);
      const page = first.json();
      expect(page.items).toHaveLength(1);
      expect(page.items[0].counts.total).toBe(page.items[0].recipients);
      const next = await api('GET', `/phishing/campaigns?limit=1&cursor=${page.nextCursor}`, admin);
      expect(next.json().items[0].id < page.items[0].id).toBe(true);
      const cancelled = await api('GET', '/phishing/campaigns?status=cancelled', admin);
      expect(cancelled.json().items.every((c: { status: string }) => c.status === 'cancelled')).toBe(true);
    });

    it('shows a practice manager only campaigns with their practices, counted for them', async () => {
      const honoluluOnly = (
        await api(
          'POST',
          '/phishing/campaigns',
          admin,
          campaignBody({ audience: { practiceIds: [practices.hnl?.id] } }),
        )
      ).json();
      const denverOnly = (
        await api(
          'POST',
          '/phishing/campaigns',
          admin,
          campaignBody({ audience: { practiceIds: [practices.den?.id] } }),
        )
      ).json();
      const manager = await authAs(get().handle, dsoId, 'practice_manager', [practices.hnl?.id as string]);
      const listed = await api('GET', '/phishing/campaigns?limit=200', manager);
      const list = listed.json();
      const ids = list.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(honoluluOnly.id);
      expect(ids).not.toContain(denverOnly.id);
      // Dave, and the Honolulu front desk where a campaign added it; never the other practices' 40 people.
      for (const item of list.items) {
        expect(item.counts.total).toBeLessThanOrEqual(2);
        expect(item.recipients).toBe(item.counts.total);
      }
      expect((await api('GET', `/phishing/campaigns/${denverOnly.id}`, manager)).statusCode).toBe(404);
      const seen = (await api('GET', `/phishing/campaigns/${honoluluOnly.id}`, manager)).json();
      expect(seen).toMatchObject({ recipients: 1, audience: { practiceIds: [practices.hnl?.id] } });
      expect((await api('POST', `/phishing/campaigns/${honoluluOnly.id}/pause`, manager)).statusCode).toBe(
        403,
      );
    });
  });
});

describeEachDialect('phishing: a 20,000-recipient campaign', (get) => {
  it('is created in one transaction within seconds', async () => {
    const deps = testDeps(get().handle);
    const dsoId = (await buildDso(deps)).id;
    const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
    const practiceIds: string[] = [];
    for (const [i, timeZone] of zones.entries()) {
      practiceIds.push((await buildPractice(deps, dsoId, { name: `Practice ${i}`, timeZone })).id);
    }
    const at = '2026-11-01T00:00:00.000Z';
    const people = Array.from({ length: 20_000 }, (_, i) => {
      const names = { firstName: `First${i}`, lastName: `Last${i}`, email: `person${i}@bulk.example` };
      return {
        id: newId(),
        dsoId,
        ...names,
        jobRole: 'assistant',
        status: 'active',
        hireDate: null,
        terminationDate: null,
        tags: '[]',
        searchText: searchTextOf(names),
        sortName: sortNameOf(names),
        createdAt: at,
        updatedAt: at,
      };
    });
    await insertPeople(deps.db, people);
    await insertMemberships(
      deps.db,
      people.map((p, i) => ({
        dsoId,
        personId: p.id,
        practiceId: practiceIds[i % 4] as string,
        createdAt: at,
      })),
    );
    const profile = await insertSendingProfile(get().handle, dsoId);
    const started = performance.now();
    const view = await createCampaign(
      deps,
      { dsoId },
      {
        name: 'Everyone',
        templateIds,
        sendingProfileId: profile,
        audience: {},
        launchAt,
        sendBy: '2026-11-20T23:00:00Z',
      },
      { random: seededRandom(1) },
    );
    const elapsed = performance.now() - started;
    expect(view.counts).toMatchObject({ total: 20_000, scheduled: 20_000 });
    // A few seconds on SQLite even on a loaded 2-core machine (about 2 s when idle).
    if (get().dialect === 'sqlite') expect(elapsed).toBeLessThan(8000);
  });
});
