import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBuiltinTemplates } from '../../src/modules/phishing/templates/index.ts';
import { startTrackingServer } from '../../src/modules/phishing/tracking/index.ts';
import { newTrackingToken } from '../../src/modules/phishing/tracking/urls.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import { createMailer } from '../../src/platform/mail/index.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { capturedLogs, createTestApp, testMasterKey } from '../harness/app.ts';
import { describeEachDialect } from '../harness/db.ts';

const now = '2026-11-02T15:00:00.000Z';
const browser =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const person = { remoteAddress: '203.0.113.20', headers: { 'user-agent': browser } };
const dsoName = 'Bright Smile Dental Partners';
const campaignName = 'Q4 payer lure drill';
const [builtinA, builtinB] = listBuiltinTemplates();

interface Fixture {
  readonly dsoId: string;
  readonly campaignId: string;
  /** Creates a message and answers its token. */
  message(overrides?: { sentAt?: string | null; templateId?: string; firstName?: string }): Promise<string>;
}

async function buildFixture(handle: DatabaseHandle, landingPageId: string | null = null): Promise<Fixture> {
  const deps = testDeps(handle, now);
  const dso = await buildDso(deps, { name: `${dsoName} ${newId().slice(-6)}` });
  const practice = await buildPractice(deps, dso.id, { name: 'Lakeside Family Dentistry' });
  const campaignId = newId();
  await handle.db
    .insertInto('phishingCampaigns')
    .values({
      id: campaignId,
      dsoId: dso.id,
      name: campaignName,
      status: 'sending',
      templateIds: JSON.stringify([builtinA?.id]),
      landingPageId,
      sendingProfileId: null,
      audience: '{}',
      launchAt: '2026-11-02T13:00:00.000Z',
      sendBy: null,
      businessHours: '{"start":"08:00","end":"17:00","days":[1,2,3,4,5]}',
      recipients: 0,
      createdBy: 'test',
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    })
    .execute();
  return {
    dsoId: dso.id,
    campaignId,
    async message(overrides = {}) {
      const token = newTrackingToken();
      await handle.db
        .insertInto('phishingMessages')
        .values({
          id: newId(),
          dsoId: dso.id,
          campaignId,
          personId: null,
          practiceId: practice.id,
          email: `${newId()}@example.test`,
          firstName: overrides.firstName ?? 'Dana',
          lastName: 'Reyes',
          jobRole: 'front_desk',
          sharedMailbox: 0,
          templateId: overrides.templateId ?? (builtinA?.id as string),
          token,
          state: 'sent',
          scheduledAt: '2026-11-02T13:00:00.000Z',
          attempts: 1,
          leaseUntil: null,
          sentAt: overrides.sentAt === undefined ? '2026-11-02T14:00:00.000Z' : overrides.sentAt,
          smtpMessageId: null,
          lastError: null,
          openedAt: null,
          clickedAt: null,
          submittedAt: null,
          reportedAt: null,
          automatedClicks: 0,
        })
        .execute();
      return token;
    },
  };
}

async function messageOf(handle: DatabaseHandle, token: string) {
  return handle.db
    .selectFrom('phishingMessages')
    .selectAll()
    .where('token', '=', token)
    .executeTakeFirstOrThrow();
}

async function eventsOf(handle: DatabaseHandle, token: string) {
  const message = await messageOf(handle, token);
  return handle.db
    .selectFrom('phishingEvents')
    .selectAll()
    .where('messageId', '=', message.id)
    .orderBy('occurredAt')
    .orderBy('id')
    .execute();
}

/** Every row of every table, as text: what a password grep of the database sees. */
async function dumpDatabase(handle: DatabaseHandle): Promise<string> {
  const tables =
    handle.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(handle.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema()`.execute(handle.db);
  let text = '';
  for (const { name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(handle.db);
    text += JSON.stringify(rows.rows, (_key, value) =>
      value && typeof value === 'object' && value.type === 'Buffer'
        ? Buffer.from(value.data).toString('latin1')
        : value,
    );
  }
  return text;
}

describeEachDialect('phishing tracking', (get) => {
  let app: FastifyInstance;
  let fixture: Fixture;

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle, {}, now));
    fixture = await buildFixture(get().handle);
  });

  it('an open answers the same GIF for known and unknown tokens and records only the known one', async () => {
    const token = await fixture.message();
    const known = await app.inject({ url: `/o/${token}.gif`, ...person });
    const unknown = await app.inject({ url: `/o/${newTrackingToken()}.gif`, ...person });
    const malformed = await app.inject({ url: '/o/nonsense.gif', ...person });
    for (const response of [known, unknown, malformed]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/gif');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.rawPayload.equals(known.rawPayload)).toBe(true);
    }
    expect(known.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    const events = await eventsOf(get().handle, token);
    expect(events.map((event) => [event.type, event.automated])).toEqual([['email_opened', 0]]);
    expect((await messageOf(get().handle, token)).openedAt).toBe(now);
  });

  it("a person's click records the click and shows the red flags of the exact template received", async () => {
    const tokenA = await fixture.message({ firstName: 'Dana <b>' });
    const tokenB = await fixture.message({ templateId: builtinB?.id as string });
    const pageA = await app.inject({ url: `/l/${tokenA}`, ...person });
    expect(pageA.statusCode).toBe(200);
    expect(pageA.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const flag of builtinA?.redFlags ?? [])
      expect(pageA.body).toContain(
        flag.label
          .replace(/&/g, '&amp;')
          .replace(/'/g, '&#39;')
          .replace(/"/g, '&quot;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;'),
      );
    const pageB = await app.inject({ url: `/l/${tokenB}`, ...person });
    const onlyB = (builtinB?.redFlags ?? []).filter(
      (flag) => !(builtinA?.redFlags ?? []).some((other) => other.label === flag.label),
    );
    expect(onlyB.length).toBeGreaterThan(0);
    for (const flag of onlyB)
      expect(pageA.body).not.toContain(
        flag.explanation.slice(0, 40).replace(/&/g, '&amp;').replace(/'/g, '&#39;'),
      );
    expect(pageB.body).not.toBe(pageA.body);
    expect(pageA.body).not.toContain('{{red_flags}}');

    const message = await messageOf(get().handle, tokenA);
    expect(message.clickedAt).toBe(now);
    expect(message.automatedClicks).toBe(0);
    const events = await eventsOf(get().handle, tokenA);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'clicked_link',
      automated: 0,
      ip: '203.0.113.20',
      userAgent: browser,
    });
    expect(JSON.parse(events[0]?.detail ?? '{}')).toEqual({ reason: 'person' });
  });

  it('landing pages carry strict headers and the confirmation script allowed by hash', async () => {
    const token = await fixture.message();
    const page = await app.inject({ url: `/l/${token}`, ...person });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline'; script");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect(page.headers.server).toBeUndefined();
    expect(page.body).toMatch(/<script>addEventListener\('load'.*'\/c'.*<\/script><\/body>/s);
  });

  it("an early click is automated until the page script confirms it, then it is the person's", async () => {
    const token = await fixture.message({ sentAt: '2026-11-02T14:59:56.000Z' });
    await app.inject({ url: `/l/${token}`, ...person });
    let message = await messageOf(get().handle, token);
    expect(message).toMatchObject({ clickedAt: null, openedAt: null, automatedClicks: 1 });
    const [early] = await eventsOf(get().handle, token);
    expect(JSON.parse(early?.detail ?? '{}').reason).toBe('early-unconfirmed');

    const confirm = await app.inject({ method: 'POST', url: `/l/${token}/c`, ...person });
    expect(confirm.statusCode).toBe(204);
    message = await messageOf(get().handle, token);
    expect(message).toMatchObject({ clickedAt: now, openedAt: now, automatedClicks: 0 });
    const events = await eventsOf(get().handle, token);
    expect(events.map((event) => [event.type, event.automated])).toEqual([['clicked_link', 0]]);
    expect(JSON.parse(events[0]?.detail ?? '{}')).toMatchObject({ reason: 'person', confirmedAt: now });
    // A new event (a newer id), so readers that follow events by id see the person's click.
    expect((events[0]?.id ?? '') > (early?.id ?? '')).toBe(true);
    expect(events[0]).toMatchObject({
      occurredAt: early?.occurredAt,
      ip: early?.ip,
      userAgent: early?.userAgent,
    });

    // A second confirmation has nothing left to confirm.
    await app.inject({ method: 'POST', url: `/l/${token}/c`, ...person });
    expect((await messageOf(get().handle, token)).automatedClicks).toBe(0);
  });

  it('an early click without confirmation stays automated: counted apart, never a failure', async () => {
    const token = await fixture.message({ sentAt: '2026-11-02T14:59:58.000Z' });
    await app.inject({ url: `/l/${token}`, ...person });
    await app.inject({ url: `/l/${token}`, ...person });
    expect(await messageOf(get().handle, token)).toMatchObject({ clickedAt: null, automatedClicks: 2 });
  });

  it.each([
    ['a Microsoft Defender address', { remoteAddress: '40.107.3.4', headers: { 'user-agent': browser } }],
    ['a Mimecast address', { remoteAddress: '205.139.110.20', headers: { 'user-agent': browser } }],
    [
      'a headless browser',
      { remoteAddress: '203.0.113.20', headers: { 'user-agent': 'Mozilla/5.0 HeadlessChrome/120.0' } },
    ],
  ])('a click from %s is automated, even when its sandbox runs the script', async (_name, scanner) => {
    const token = await fixture.message();
    const page = await app.inject({ url: `/l/${token}`, ...scanner });
    expect(page.statusCode).toBe(200);
    await app.inject({ method: 'POST', url: `/l/${token}/c`, ...scanner });
    await app.inject({ url: `/o/${token}.gif`, ...scanner });
    expect(await messageOf(get().handle, token)).toMatchObject({
      clickedAt: null,
      openedAt: null,
      automatedClicks: 2,
    });
    const events = await eventsOf(get().handle, token);
    expect(events.map((event) => [event.type, event.automated])).toEqual([
      ['clicked_link', 1],
      ['email_opened', 1],
    ]);
  });

  it('unknown and malformed tokens get one identical answer that reveals nothing', async () => {
    const answers = await Promise.all(
      [`/l/${newTrackingToken()}`, `/l/${newTrackingToken()}`, '/l/short', `/l/${'a'.repeat(43)}`].map(
        (url) => app.inject({ url, ...person }),
      ),
    );
    const confirm = await app.inject({ method: 'POST', url: `/l/${newTrackingToken()}/c`, ...person });
    const submit = await app.inject({
      method: 'POST',
      url: `/l/${newTrackingToken()}`,
      payload: 'password=x',
      headers: { ...person.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    for (const answer of [...answers, confirm, submit]) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(answers[0]?.body);
      expect(answer.headers['content-type']).toBe(answers[0]?.headers['content-type']);
      for (const secret of [dsoName, campaignName, 'Enamel', 'enamel', 'Lakeside']) {
        expect(answer.body).not.toContain(secret);
        expect(JSON.stringify(answer.headers)).not.toContain(secret);
      }
    }
    const robots = await app.inject({ url: '/robots.txt' });
    expect(robots.body).toBe('User-agent: *\nDisallow: /\n');
  });

  it('tracking answers for valid tokens name neither the DSO nor the campaign', async () => {
    const token = await fixture.message();
    for (const response of [
      await app.inject({ url: `/l/${token}`, ...person }),
      await app.inject({ url: `/o/${token}.gif`, ...person }),
    ]) {
      const text = `${response.body}${JSON.stringify(response.headers)}`;
      for (const secret of [dsoName, campaignName, 'Enamel', fixture.dsoId, fixture.campaignId]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('a HEAD request (a link checker) is answered alike for every token and records nothing', async () => {
    const token = await fixture.message();
    const known = await app.inject({ method: 'HEAD', url: `/l/${token}`, ...person });
    const unknown = await app.inject({ method: 'HEAD', url: `/l/${newTrackingToken()}`, ...person });
    const pixel = await app.inject({ method: 'HEAD', url: `/o/${token}.gif`, ...person });
    expect([known.statusCode, unknown.statusCode, pixel.statusCode]).toEqual([200, 200, 200]);
    expect(known.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(await eventsOf(get().handle, token)).toEqual([]);
  });

  it('events are recorded for paused, completed and cancelled campaigns too', async () => {
    const token = await fixture.message();
    await get()
      .handle.db.updateTable('phishingCampaigns')
      .set({ status: 'cancelled' })
      .where('id', '=', fixture.campaignId)
      .execute();
    const page = await app.inject({ url: `/l/${token}`, ...person });
    expect(page.statusCode).toBe(200);
    expect((await messageOf(get().handle, token)).clickedAt).toBe(now);
    await get()
      .handle.db.updateTable('phishingCampaigns')
      .set({ status: 'sending' })
      .where('id', '=', fixture.campaignId)
      .execute();
  });
});

describeEachDialect('phishing tracking: credential pages', (get) => {
  let app: FastifyInstance;
  let fixture: Fixture;
  let redirectFixture: Fixture;
  const password = 'Tr0ub4dor&3-horse-battery';

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle, {}, now));
    const pages = [null, 'https://www.example.org/after'] as const;
    const fixtures: Fixture[] = [];
    for (const redirectUrl of pages) {
      const landingPageId = newId();
      const base = await buildFixture(get().handle, landingPageId);
      await get()
        .handle.db.insertInto('landingPages')
        .values({
          id: landingPageId,
          dsoId: base.dsoId,
          name: 'Payer portal sign-in',
          kind: 'credential',
          html: '<html><body><form method="post" action="{{submit_url}}"><input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>',
          redirectUrl,
          source: 'custom',
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      fixtures.push(base);
    }
    [fixture, redirectFixture] = fixtures as [Fixture, Fixture];
  });

  it('the credential page posts back to its own link', async () => {
    const token = await fixture.message();
    const page = await app.inject({ url: `/l/${token}`, ...person });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/l/${token}"`);
  });

  it.each([
    [
      'application/x-www-form-urlencoded',
      (value: string) => `username=dana&password=${encodeURIComponent(value)}`,
    ],
    [
      'multipart/form-data; boundary=XyZ',
      (value: string) =>
        `--XyZ\r\nContent-Disposition: form-data; name="username"\r\n\r\ndana\r\n--XyZ\r\nContent-Disposition: form-data; name="password"\r\n\r\n${value}\r\n--XyZ--\r\n`,
    ],
    ['application/json', (value: string) => JSON.stringify({ username: 'dana', password: value })],
  ])('a %s submission records that something was submitted and stores none of it', async (type, body) => {
    const token = await fixture.message();
    const logsBefore = capturedLogs.length;
    const answer = await app.inject({
      method: 'POST',
      url: `/l/${token}`,
      payload: body(password),
      headers: { ...person.headers, 'content-type': type },
      remoteAddress: person.remoteAddress,
    });
    // No redirect configured: the teachable page follows.
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('red-flags');
    expect(answer.body).not.toContain(password);
    const message = await messageOf(get().handle, token);
    expect(message).toMatchObject({ submittedAt: now, clickedAt: now, openedAt: now });
    const events = await eventsOf(get().handle, token);
    expect(events.map((event) => event.type)).toEqual(['submitted_data']);
    expect(JSON.parse(events[0]?.detail ?? '{}')).toEqual({ reason: 'person' });
    const database = await dumpDatabase(get().handle);
    expect(database).toContain(token);
    expect(database).not.toContain(password);
    expect(database).not.toContain(encodeURIComponent(password));
    const logs = capturedLogs.slice(logsBefore).join('');
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(encodeURIComponent(password));
    expect(capturedLogs.join('')).not.toContain(token);
  });

  it('a credential page with a redirect address sends the person there after submitting', async () => {
    const token = await redirectFixture.message();
    const answer = await app.inject({
      method: 'POST',
      url: `/l/${token}`,
      payload: `password=${password}`,
      headers: { ...person.headers, 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: person.remoteAddress,
    });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('https://www.example.org/after');
    expect((await messageOf(get().handle, token)).submittedAt).toBe(now);
  });
});

describeEachDialect('phishing tracking: a listener of its own', (get) => {
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await stop?.();
  });

  it('serves the tracking routes on its own port; the main server then does not', async () => {
    const fixture = await buildFixture(get().handle);
    const token = await fixture.message();
    const base = loadConfig({ ENAMEL_MASTER_KEY: testMasterKey, ENAMEL_RATE_LIMIT: '0' });
    const config = { ...base, tracking: { ...base.tracking, port: 0, host: '127.0.0.1' } };
    const { app } = await createTestApp(get().handle, { ENAMEL_TRACKING_PORT: '48123' }, now);
    const server = await startTrackingServer({
      deps: testDeps(get().handle, now),
      config,
      secrets: unusedSecrets,
      mailer: createMailer(config),
    });
    stop = server.stop;
    const page = await fetch(`${server.address}/l/${token}`, { headers: { 'user-agent': browser } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const unknown = await fetch(`${server.address}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(
      await (await fetch(`${server.address}/l/${newTrackingToken()}`)).text(),
    );
    expect((await messageOf(get().handle, token)).clickedAt).toBe(now);

    const onMain = await app.inject({ url: `/l/${token}`, ...person });
    expect(onMain.statusCode).toBe(404);
    expect(onMain.headers['content-type']).toContain('application/json');
    await app.close();
  });
});

/** The tracking server never encrypts or decrypts anything: any use fails the test. */
const unusedSecrets = {
  encrypt: async () => {
    throw new Error('tracking must not encrypt');
  },
  decrypt: async () => {
    throw new Error('tracking must not decrypt');
  },
  isEncrypted: () => false,
};

describe('tracking token', () => {
  it('is 256 random bits, base64url', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newTrackingToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });
});
