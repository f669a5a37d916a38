import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordPhishingEvents } from '../../src/modules/phishing/events.ts';
import { startWebhookDispatcher } from '../../src/modules/phishing/results/index.ts';
import type { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import { openSecretBox, type SecretBox } from '../../src/platform/crypto/index.ts';
import { createLogger } from '../../src/platform/log.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { capturedLogs, captureStream, createTestApp, testMasterKey } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { seedCampaign } from './route-table/phishing-results.ts';

interface Received {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A real HTTP receiver: each path answers with the statuses queued for it, then 200; `/hang` never answers. */
function startReceiver() {
  const received: Received[] = [];
  const plans = new Map<string, number[]>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (path === '/hang') return;
      const status = plans.get(path)?.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
    });
  });
  return {
    received,
    plans,
    server,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const now = '2026-11-02T15:00:00.000Z';

describeEachDialect('phishing webhooks', (get) => {
  let app: FastifyInstance;
  let clock: ReturnType<typeof fixedClock>;
  let deps: ServiceDeps;
  let secrets: SecretBox;
  let dsoId: string;
  let practiceId: string;
  let base: string;
  const receiver = startReceiver();
  const admin = () => authAs(get().handle, dsoId, 'it_admin');
  const create = async (payload: object) =>
    app.inject({ method: 'POST', url: '/api/v1/phishing/webhooks', headers: await admin(), payload });
  const deliveries = (webhookId: string) =>
    get()
      .handle.db.selectFrom('webhookDeliveries')
      .selectAll()
      .where('webhookId', '=', webhookId)
      .orderBy('eventId')
      .execute();

  beforeAll(async () => {
    ({ app, clock } = await createTestApp(get().handle, {}, now));
    deps = { db: get().handle.db, clock, log: createLogger('info', captureStream()) };
    secrets = await openSecretBox({
      db: get().handle.db,
      config: loadConfig({ ENAMEL_MASTER_KEY: testMasterKey }),
    });
    const factoryDeps = testDeps(get().handle, now);
    dsoId = (await buildDso(factoryDeps)).id;
    practiceId = (await buildPractice(factoryDeps, dsoId, { name: 'Lakeside Dental' })).id;
    base = await receiver.listen();
  });
  afterAll(() => receiver.close());

  it('creates, lists, edits and deletes webhooks; the secret is shown once and stored encrypted', async () => {
    const refused = await create({
      name: 'Plain',
      url: 'http://hooks.example.com/in',
      events: ['phishing.failed'],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('https://');
    const noEvents = await create({ name: 'Empty', url: 'https://hooks.example.com/in', events: [] });
    expect(noEvents.statusCode).toBe(400);

    const created = await create({
      name: 'SIEM',
      url: 'https://hooks.example.com/in',
      events: ['phishing.reported'],
    });
    expect(created.statusCode).toBe(201);
    const { webhook, signingSecret } = created.json();
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({
      name: 'SIEM',
      active: true,
      secret: 'set',
      events: ['phishing.reported'],
    });
    const stored = await get()
      .handle.db.selectFrom('webhooks')
      .select('secret')
      .where('id', '=', webhook.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret).toMatch(/^enc:v1:/);
    expect(stored.secret).not.toContain(signingSecret);

    const list = await app.inject({ url: '/api/v1/phishing/webhooks', headers: await admin() });
    expect(list.json().items.map((w: { id: string }) => w.id)).toContain(webhook.id);
    expect(list.body).not.toContain(signingSecret);
    expect(capturedLogs.join('')).not.toContain(signingSecret);

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/phishing/webhooks/${webhook.id}`,
      headers: await admin(),
      payload: { active: false, events: ['phishing.failed', 'phishing.failed'] },
    });
    expect(patched.json()).toMatchObject({ active: false, events: ['phishing.failed'] });
    const reader = await app.inject({
      url: '/api/v1/phishing/webhooks',
      headers: await authAs(get().handle, dsoId, 'auditor'),
    });
    expect(reader.statusCode).toBe(403);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/phishing/webhooks/${webhook.id}`,
      headers: await admin(),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await app.inject({ url: `/api/v1/phishing/webhooks/${webhook.id}`, headers: await admin() });
    expect(gone.statusCode).toBe(404);
  });

  it('signs each delivery, retries a 5xx with back-off, and never delivers an event twice', async () => {
    // Events from before the webhook existed are not replayed.
    await seedCampaign(get().handle.db, {
      dsoId,
      name: 'Earlier lure',
      launchAt: '2026-10-01T14:00:00.000Z',
      recipients: [{ email: 'old@lakeside.example', practiceId, actions: ['clicked'] }],
    });
    const created = await create({
      name: 'Training',
      url: `${base}/training`,
      events: ['phishing.failed', 'phishing.reported'],
    });
    const { webhook, signingSecret } = created.json();
    const seeded = await seedCampaign(get().handle.db, {
      dsoId,
      name: 'Payer lure',
      launchAt: '2026-11-02T14:00:00.000Z',
      recipients: [
        {
          email: 'ana@lakeside.example',
          practiceId,
          jobRole: 'billing',
          actions: ['opened', 'clicked', 'submitted'],
        },
        {
          email: 'bo@lakeside.example',
          practiceId,
          templateId: 'builtin:payer-eob-claim-portal',
          actions: ['reported'],
        },
        { email: 'cy@lakeside.example', practiceId, actions: ['scanner', 'opened'] },
      ],
    });
    receiver.plans.set('/training', [503]);
    const dispatcher = startWebhookDispatcher({
      deps,
      secrets,
      intervalMs: 0,
      retryBaseMs: 60_000,
      signalsEveryMs: 0,
    });
    const first = await dispatcher.runOnce();
    // ana: clicked + submitted (phishing.failed twice), bo: reported; cy's scanner click and open are not sent.
    expect(first).toMatchObject({ enqueued: 3, delivered: 2, retried: 1, failed: 0 });
    const bodies = receiver.received.filter((r) => r.path === '/training');
    expect(bodies).toHaveLength(3);
    for (const request of bodies) {
      const expected = `sha256=${createHmac('sha256', signingSecret).update(request.body).digest('hex')}`;
      expect(request.headers['x-enamel-signature']).toBe(expected);
      expect(request.headers['x-enamel-event']).toBe(JSON.parse(request.body).event);
      expect(request.headers['content-type']).toBe('application/json');
    }
    const payload = JSON.parse(bodies.find((b) => b.body.includes('phishing.reported'))?.body ?? '{}');
    expect(payload).toEqual({
      id: expect.any(String),
      event: 'phishing.reported',
      occurredAt: '2026-11-02T14:10:00.000Z',
      campaign: { id: seeded.campaignId, name: 'Payer lure' },
      recipient: { personId: null, email: 'bo@lakeside.example', practiceId, jobRole: 'hygienist' },
      templateCategory: 'payer',
    });
    expect(bodies.map((b) => b.body).join('')).not.toContain('old@lakeside.example');
    expect(bodies.map((b) => b.body).join('')).not.toContain('cy@lakeside.example');

    // The retry waits for its back-off: nothing is due yet.
    expect(await dispatcher.runOnce()).toMatchObject({ enqueued: 0, delivered: 0, retried: 0 });
    clock.advance(60_000);
    expect(await dispatcher.runOnce()).toMatchObject({ enqueued: 0, delivered: 1 });
    const rows = await deliveries(webhook.id);
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(rows.find((r) => r.attempts === 2)).toMatchObject({ lastStatus: 200, lastError: null });

    // Rescanning from the start queues nothing again: the unique (webhookId, eventId) index holds. The event
    // from before the webhook existed stays out even then.
    await get()
      .handle.db.updateTable('webhooks')
      .set({ checkpoint: '' })
      .where('id', '=', webhook.id)
      .execute();
    expect(await dispatcher.runOnce()).toMatchObject({ enqueued: 0, delivered: 0 });
    expect((await deliveries(webhook.id)).length).toBe(3);
    const view = await app.inject({ url: `/api/v1/phishing/webhooks/${webhook.id}`, headers: await admin() });
    expect(view.json().deliveries).toEqual({ pending: 0, delivered: 3, failed: 0 });
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/phishing/webhooks/${webhook.id}`,
      headers: await admin(),
    });
    await dispatcher.stop();
  });

  it('gives up after the last attempt, at once on a 4xx, and treats a timeout as retryable', async () => {
    const hooks: Record<string, string> = {};
    for (const [name, path] of [
      ['down', '/down'],
      ['gone', '/gone'],
      ['slow', '/hang'],
    ] as const) {
      const response = await create({ name, url: `${base}${path}`, events: ['phishing.failed'] });
      hooks[name] = response.json().webhook.id;
    }
    const closed = await create({
      name: 'closed',
      url: 'http://127.0.0.1:9/in',
      events: ['phishing.failed'],
    });
    hooks.closed = closed.json().webhook.id;
    receiver.plans.set('/down', [500, 502, 500]);
    receiver.plans.set('/gone', [410]);
    await seedCampaign(get().handle.db, {
      dsoId,
      name: 'Vendor lure',
      launchAt: '2026-11-02T14:30:00.000Z',
      recipients: [{ email: 'dee@lakeside.example', practiceId, actions: ['clicked'] }],
    });
    const dispatcher = startWebhookDispatcher({
      deps,
      secrets,
      intervalMs: 0,
      maxAttempts: 3,
      retryBaseMs: 1_000,
      timeoutMs: 300,
      signalsEveryMs: 0,
    });
    await dispatcher.runOnce();
    expect((await deliveries(hooks.gone as string))[0]).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastStatus: 410,
      lastError: 'The receiver answered HTTP 410.',
    });
    const slow = (await deliveries(hooks.slow as string))[0];
    expect(slow).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null });
    expect(slow?.lastError).toContain('did not answer within 300 ms');
    const refused = (await deliveries(hooks.closed as string))[0];
    expect(refused).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null });
    expect(refused?.lastError).toContain('could not be reached');
    for (const wait of [1_000, 2_000]) {
      clock.advance(wait);
      await dispatcher.runOnce();
    }
    expect((await deliveries(hooks.down as string))[0]).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastStatus: 500,
      lastError: 'The receiver answered HTTP 500.',
    });
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(3);
    const list = await app.inject({ url: '/api/v1/phishing/webhooks', headers: await admin() });
    const down = list.json().items.find((w: { id: string }) => w.id === hooks.down);
    expect(down).toMatchObject({ deliveries: { failed: 1 }, lastError: 'The receiver answered HTTP 500.' });
    await dispatcher.stop();
  });

  it('delivers a report recorded by the report path', async () => {
    const created = await create({ name: 'Reports', url: `${base}/reports`, events: ['phishing.reported'] });
    const seeded = await seedCampaign(get().handle.db, {
      dsoId,
      name: 'IT lure',
      launchAt: '2026-11-02T14:45:00.000Z',
      recipients: [{ email: 'eve@lakeside.example', practiceId }],
    });
    await recordPhishingEvents(get().handle.db, [
      {
        dsoId,
        campaignId: seeded.campaignId,
        messageId: seeded.messageIds[0] as string,
        type: 'email_reported',
        occurredAt: '2026-11-02T14:50:00.000Z',
        detail: { source: 'smtp' },
      },
    ]);
    const dispatcher = startWebhookDispatcher({ deps, secrets, intervalMs: 0, signalsEveryMs: 0 });
    expect(await dispatcher.runOnce()).toMatchObject({ enqueued: 1 });
    const got = receiver.received.filter((r) => r.path === '/reports');
    expect(got.map((r) => JSON.parse(r.body).recipient.email)).toEqual(['eve@lakeside.example']);
    expect((await deliveries(created.json().webhook.id)).map((d) => d.state)).toEqual(['delivered']);
    await dispatcher.stop();
  });
  // Last: it moves the clock past the sessions' idle timeout.
  it('publishes the compliance signal at most once an hour per DSO', async () => {
    const dispatcher = startWebhookDispatcher({ deps, secrets, intervalMs: 0 });
    const readings = async () =>
      (
        await get()
          .handle.db.selectFrom('signalReadings')
          .select('value')
          .where('dsoId', '=', dsoId)
          .where('signal', '=', 'phishing-fail-rate')
          .execute()
      ).length;
    expect((await dispatcher.runOnce()).signalsPublished).toBe(1);
    expect(await readings()).toBe(1);
    clock.advance(30 * 60_000);
    expect((await dispatcher.runOnce()).signalsPublished).toBe(0);
    clock.advance(31 * 60_000);
    expect((await dispatcher.runOnce()).signalsPublished).toBe(1);
    expect(await readings()).toBe(2);
    await dispatcher.stop();
  });
});
