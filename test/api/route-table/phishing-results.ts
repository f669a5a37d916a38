import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { type PhishingEventInput, recordPhishingEvents } from '../../../src/modules/phishing/events.ts';
import type { Database, PhishingMessageTable } from '../../../src/platform/db/schema.ts';
import { newId } from '../../../src/platform/ids.ts';
import type { RouteTablePart } from './types.ts';

export interface SeedRecipient {
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly personId?: string | null;
  readonly practiceId?: string | null;
  readonly jobRole?: string;
  readonly sharedMailbox?: boolean;
  readonly templateId?: string;
  /** Sent (default), error or scheduled. */
  readonly state?: 'sent' | 'error' | 'scheduled';
  /** What happened after sending, in order; `scanner` is an automated click. */
  readonly actions?: readonly ('opened' | 'clicked' | 'submitted' | 'reported' | 'scanner')[];
}

const actionTypes = {
  opened: 'email_opened',
  clicked: 'clicked_link',
  submitted: 'submitted_data',
  reported: 'email_reported',
  scanner: 'clicked_link',
} as const;

/**
 * Inserts a campaign and its messages straight into the database, and records their events through
 * `recordPhishingEvents` (which keeps the messages' summary columns in step), as sending and tracking would.
 */
export async function seedCampaign(
  db: Kysely<Database>,
  input: {
    dsoId: string;
    name: string;
    launchAt: string;
    status?: string;
    recipients: readonly SeedRecipient[];
  },
): Promise<{ campaignId: string; messageIds: string[] }> {
  const campaignId = newId();
  await db
    .insertInto('phishingCampaigns')
    .values({
      id: campaignId,
      dsoId: input.dsoId,
      name: input.name,
      status: input.status ?? 'completed',
      templateIds: '[]',
      landingPageId: null,
      sendingProfileId: null,
      audience: '{}',
      launchAt: input.launchAt,
      sendBy: null,
      businessHours: '{"start":"08:00","end":"17:00","days":[1,2,3,4,5]}',
      recipients: input.recipients.length,
      createdBy: 'test',
      createdAt: input.launchAt,
      updatedAt: input.launchAt,
      completedAt: null,
    })
    .execute();
  const launched = Date.parse(input.launchAt);
  const at = (minutes: number) => new Date(launched + minutes * 60_000).toISOString();
  const messages: PhishingMessageTable[] = [];
  const events: PhishingEventInput[] = [];
  input.recipients.forEach((r, index) => {
    const id = newId();
    const state = r.state ?? 'sent';
    messages.push({
      id,
      dsoId: input.dsoId,
      campaignId,
      personId: r.personId ?? null,
      practiceId: r.practiceId ?? null,
      email: r.email,
      firstName: r.firstName ?? 'Alex',
      lastName: r.lastName ?? `Recipient${index}`,
      jobRole: r.jobRole ?? 'hygienist',
      sharedMailbox: r.sharedMailbox ? 1 : 0,
      templateId: r.templateId ?? 'builtin:test',
      token: randomBytes(24).toString('base64url'),
      state,
      scheduledAt: at(0),
      attempts: state === 'scheduled' ? 0 : 1,
      leaseUntil: null,
      sentAt: state === 'sent' ? at(1) : null,
      smtpMessageId: null,
      lastError: state === 'error' ? '550 5.1.1 mailbox unavailable' : null,
      openedAt: null,
      clickedAt: null,
      submittedAt: null,
      reportedAt: null,
      automatedClicks: 0,
    });
    const base = { dsoId: input.dsoId, campaignId, messageId: id };
    if (state === 'sent') events.push({ ...base, type: 'email_sent', occurredAt: at(1) });
    if (state === 'error') events.push({ ...base, type: 'error_sending', occurredAt: at(1) });
    (r.actions ?? []).forEach((action, step) => {
      events.push({
        ...base,
        type: actionTypes[action],
        occurredAt: at(10 + 10 * step),
        ...(action === 'scanner'
          ? { automated: true, ip: '40.94.0.10', userAgent: 'Mail security scanner' }
          : { ip: '203.0.113.7', userAgent: 'Mozilla/5.0' }),
      });
    });
  });
  for (let start = 0; start < messages.length; start += 500) {
    await db
      .insertInto('phishingMessages')
      .values(messages.slice(start, start + 500))
      .execute();
  }
  await recordPhishingEvents(db, events);
  return { campaignId, messageIds: messages.map((m) => m.id) };
}

const campaignUrl = (ids: { extra: Record<string, string> }, suffix: string) =>
  `/api/v1/phishing/campaigns/${ids.extra.resultsCampaign}${suffix}`;

export const part: RouteTablePart = {
  async setup({ app, handle, admin, ids }) {
    const seeded = await seedCampaign(handle.db, {
      dsoId: ids.dso,
      name: 'Victim results campaign',
      launchAt: '2026-10-20T14:00:00.000Z',
      recipients: [
        {
          email: 'victim@victim.example',
          personId: ids.person,
          practiceId: ids.practice,
          actions: ['clicked', 'reported'],
        },
      ],
    });
    await seedCampaign(handle.db, {
      dsoId: ids.dso,
      name: 'Victim second campaign',
      launchAt: '2026-10-27T14:00:00.000Z',
      recipients: [
        {
          email: 'victim@victim.example',
          personId: ids.person,
          practiceId: ids.practice,
          actions: ['clicked'],
        },
      ],
    });
    const webhook = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/webhooks',
      headers: admin,
      payload: { name: 'Victim hook', url: 'https://hooks.victim.example/in', events: ['phishing.failed'] },
    });
    if (webhook.statusCode !== 201) throw new Error(`setup webhook: ${webhook.body}`);
    return {
      resultsCampaign: seeded.campaignId,
      resultsMessage: seeded.messageIds[0] as string,
      webhook: webhook.json().webhook.id,
    };
  },
  entries: {
    'GET /api/v1/phishing/campaigns/:id/results': {
      kind: 'resource',
      url: (ids) => campaignUrl(ids, '/results'),
    },
    'GET /api/v1/phishing/campaigns/:id/recipients': {
      kind: 'resource',
      url: (ids) => campaignUrl(ids, '/recipients'),
    },
    'GET /api/v1/phishing/campaigns/:id/recipients/:messageId/timeline': {
      kind: 'resource',
      url: (ids) => campaignUrl(ids, `/recipients/${ids.extra.resultsMessage}/timeline`),
    },
    'GET /api/v1/phishing/campaigns/:id/results.csv': {
      kind: 'custom',
      why: "the victim's CSV is refused as not found and never sends a recipient line",
      async check({ app, as, ids }) {
        const response = await app.inject({ url: campaignUrl(ids, '/results.csv'), headers: as });
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('NOT_FOUND');
        expect(response.body).not.toContain('victim@victim.example');
      },
    },
    'GET /api/v1/phishing/campaigns/:id/summary.pdf': {
      kind: 'custom',
      why: "the victim's PDF summary is refused as not found and never sends PDF bytes",
      async check({ app, as, ids }) {
        const response = await app.inject({ url: campaignUrl(ids, '/summary.pdf'), headers: as });
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain('%PDF');
      },
    },
    'GET /api/v1/phishing/results/repeat-offenders': {
      kind: 'list',
      url: '/api/v1/phishing/results/repeat-offenders?threshold=1',
      hidden: () => 'victim@victim.example',
    },
    'GET /api/v1/phishing/results/trends': {
      kind: 'list',
      url: '/api/v1/phishing/results/trends',
      hidden: (ids) => ids.extra.resultsCampaign as string,
    },
    'POST /api/v1/phishing/results/publish-signals': {
      kind: 'custom',
      why: "the attacker's DSO has no sends: nothing is recorded, and the victim's figures never show",
      async check({ app, as }) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/phishing/results/publish-signals',
          headers: as,
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ recorded: false, sent: 0, failRate: null });
      },
    },
    'GET /api/v1/phishing/webhooks': {
      kind: 'list',
      url: '/api/v1/phishing/webhooks',
      hidden: (ids) => ids.extra.webhook as string,
    },
    'POST /api/v1/phishing/webhooks': {
      kind: 'custom',
      why: "a webhook lands in the creator's own DSO, whose list never shows the victim's webhook",
      async check({ app, as, ids }) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/phishing/webhooks',
          headers: as,
          payload: {
            name: 'Attacker hook',
            url: 'https://hooks.attacker.example/in',
            events: ['phishing.failed'],
          },
        });
        expect(response.statusCode).toBe(201);
        const created = response.json().webhook.id as string;
        const own = await app.inject({ url: '/api/v1/phishing/webhooks', headers: as });
        expect(own.body).toContain(created);
        expect(own.body).not.toContain(ids.extra.webhook);
      },
    },
    'GET /api/v1/phishing/webhooks/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/phishing/webhooks/${ids.extra.webhook}`,
    },
    'PATCH /api/v1/phishing/webhooks/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/phishing/webhooks/${ids.extra.webhook}`,
      payload: { active: false },
    },
    'DELETE /api/v1/phishing/webhooks/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/phishing/webhooks/${ids.extra.webhook}`,
    },
  },
};
