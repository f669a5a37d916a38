import type { Config } from '../../../platform/config.ts';
import { type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import * as audit from '../../audit/index.ts';
import { recordPhishingEvents } from '../events.ts';
import { type ResolvedTemplate, renderTemplate, resolveTemplates } from '../templates/index.ts';
import { clickUrl, pixelUrl } from '../tracking/urls.ts';
import { classifyFailure, domainOf, maxAttempts, retryDelayMs, simulationMessageId } from './delivery.ts';
import {
  createProfileTransport,
  type OpenedProfile,
  openProfile,
  type ProfileTransport,
  profileHeaders,
  smtpTimeouts,
} from './profile-secrets.ts';
import * as store from './sender.store.ts';

type MessageRow = store.MessageRow;

export interface SenderOptions {
  readonly deps: ServiceDeps;
  readonly config: Pick<Config, 'trackingUrl'>;
  readonly secrets: SecretBox;
  /** Pause between rounds when nothing is due (default 1 s); the first round starts after it. */
  readonly intervalMs?: number;
  /** Messages claimed per round (default 100). */
  readonly batchSize?: number;
  /**
   * How long a claim lasts (default 10 minutes); a stopped sender's claims are taken over after it. Keep it
   * well above the SMTP timeouts (about 2 minutes per delivery) so a live sender's claim never runs out.
   */
  readonly leaseMs?: number;
}

export interface Sender {
  /** Finishes the round in progress, then closes the SMTP connections. */
  stop(): Promise<void>;
  /** One round: claims due messages, sends them, records the outcome. Answers how many it claimed. */
  runOnce(): Promise<number>;
}

/** A message is only handed to SMTP while this much of its lease is left: the longest one delivery can take. */
const deliveryBudgetMs =
  smtpTimeouts.connectionTimeout + smtpTimeouts.greetingTimeout + 2 * smtpTimeouts.socketTimeout;

interface CampaignInfo {
  readonly id: string;
  readonly dsoId: string;
  status: string;
  readonly sendingProfileId: string | null;
}

interface Round {
  readonly campaigns: Map<string, CampaignInfo>;
  readonly templates: Map<string, ResolvedTemplate>;
  readonly practices: Map<string, string>;
  readonly profiles: Map<string, { profile: OpenedProfile; transport: ProfileTransport } | Error>;
}

/** Runs `work` over the items with at most `limit` running at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The campaign sender (docs/phishing/sending.md): a per-message state machine in the database.
 * scheduled → sending (claimed with a lease) → sent | scheduled again (4xx, back-off) | error (5xx, or 8 tries).
 */
export function startSender(options: SenderOptions): Sender {
  const { deps, config, secrets } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  // A lease shorter than the SMTP timeouts (tests, tuning) keeps half of itself as the budget instead.
  const sendBudgetMs = Math.min(deliveryBudgetMs, leaseMs / 2);
  const db = deps.db;
  const transports = new Map<string, { key: string; transport: ProfileTransport }>();
  const iso = () => deps.clock.now().toISOString();

  function transportFor(profile: OpenedProfile): ProfileTransport {
    const key = `${profile.updatedAt}`;
    const cached = transports.get(profile.id);
    if (cached?.key === key) return cached.transport;
    // The profile changed: its old pool finishes what it holds and closes.
    cached?.transport.close();
    const transport = createProfileTransport(profile, true);
    transports.set(profile.id, { key, transport });
    return transport;
  }

  async function loadRound(messages: readonly MessageRow[]): Promise<Round> {
    const campaignRows = await store.findCampaigns(db, [...new Set(messages.map((m) => m.campaignId))]);
    const campaigns = new Map(campaignRows.map((row) => [row.id, { ...row }]));
    const templates = new Map<string, ResolvedTemplate>();
    const byDso = new Map<string, Set<string>>();
    for (const message of messages) {
      const dsoId = campaigns.get(message.campaignId)?.dsoId ?? message.dsoId;
      byDso.set(dsoId, (byDso.get(dsoId) ?? new Set()).add(message.templateId));
    }
    for (const [dsoId, ids] of byDso) {
      for (const [id, template] of await resolveTemplates(db, dsoId, [...ids])) {
        templates.set(`${dsoId}/${id}`, template);
      }
    }
    const practiceIds = messages.flatMap((m) => (m.practiceId ? [m.practiceId] : []));
    const practices = await store.practiceNames(db, [...new Set(practiceIds)]);
    const profileIds = [
      ...new Set(campaignRows.flatMap((c) => (c.sendingProfileId ? [c.sendingProfileId] : []))),
    ];
    const profiles: Round['profiles'] = new Map();
    for (const row of await store.findProfileRows(db, profileIds)) {
      try {
        const profile = await openProfile(secrets, row);
        profiles.set(row.id, { profile, transport: transportFor(profile) });
      } catch (error) {
        // A profile whose secrets do not open is retried later (the key may come back); the reason is logged.
        deps.log.error({ err: error, sendingProfileId: row.id }, 'sending profile could not be opened');
        profiles.set(row.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    return { campaigns, templates, practices, profiles };
  }

  async function recordSent(round: Round, message: MessageRow, smtpMessageId: string, detail: object) {
    const campaign = round.campaigns.get(message.campaignId);
    await db.transaction().execute(async (trx) => {
      const at = iso();
      if (!(await store.markSent(trx, message, { sentAt: at, smtpMessageId }))) {
        deps.log.warn({ messageId: message.id }, 'a sent message had been taken over by another sender');
        return;
      }
      await recordPhishingEvents(trx, [
        {
          dsoId: message.dsoId,
          campaignId: message.campaignId,
          messageId: message.id,
          type: 'email_sent',
          occurredAt: at,
          detail: { attempt: message.attempts, ...detail },
        },
      ]);
      if (campaign?.status === 'scheduled' && (await store.markCampaignSending(trx, campaign.id, at))) {
        await audit.record(trx, {
          dsoId: campaign.dsoId,
          actor: systemActor,
          action: 'phishingCampaigns.start',
          resourceType: 'phishingCampaign',
          resourceId: campaign.id,
          occurredAt: at,
          changedFields: ['status'],
        });
      }
    });
    if (campaign) campaign.status = 'sending';
  }

  async function recordError(message: MessageRow, lastError: string, responseCode: number | null) {
    await db.transaction().execute(async (trx) => {
      if (!(await store.markError(trx, message, lastError))) return;
      await recordPhishingEvents(trx, [
        {
          dsoId: message.dsoId,
          campaignId: message.campaignId,
          messageId: message.id,
          type: 'error_sending',
          occurredAt: iso(),
          detail: { error: lastError, attempt: message.attempts, ...(responseCode ? { responseCode } : {}) },
        },
      ]);
    });
  }

  /** A 4xx, a dropped connection or a profile problem: try again later, up to `maxAttempts` tries. */
  async function retryLater(message: MessageRow, reason: string, responseCode: number | null) {
    if (message.attempts >= maxAttempts) {
      await recordError(message, `Gave up after ${message.attempts} attempts: ${reason}`, responseCode);
      return;
    }
    const scheduledAt = new Date(deps.clock.now().getTime() + retryDelayMs(message.attempts)).toISOString();
    await store.reschedule(db, message, { scheduledAt, lastError: reason });
  }

  async function deliver(round: Round, message: MessageRow): Promise<void> {
    const campaign = round.campaigns.get(message.campaignId);
    const dsoId = campaign?.dsoId ?? message.dsoId;
    const template = round.templates.get(`${dsoId}/${message.templateId}`);
    if (!template) {
      await recordError(message, `Template "${message.templateId}" no longer exists.`, null);
      return;
    }
    const opened = campaign?.sendingProfileId ? round.profiles.get(campaign.sendingProfileId) : undefined;
    if (!opened) {
      await recordError(message, 'The campaign has no sending profile.', null);
      return;
    }
    if (opened instanceof Error) {
      await retryLater(message, 'The sending profile could not be opened.', null);
      return;
    }
    // A claim this close to its end could be taken over mid-delivery: give it back untouched instead.
    const leaseLeft = Date.parse(message.leaseUntil ?? '') - deps.clock.now().getTime();
    if (!(leaseLeft > sendBudgetMs)) {
      // Nothing was tried, so the claim does not count as an attempt (a busy sender must not exhaust them).
      await store.reschedule(db, message, {
        scheduledAt: message.scheduledAt,
        lastError: message.lastError,
        attempts: Math.max(0, message.attempts - 1),
      });
      return;
    }
    const rendered = renderTemplate(template, {
      firstName: message.firstName,
      lastName: message.lastName,
      email: message.email,
      practiceName: (message.practiceId && round.practices.get(message.practiceId)) || '',
      clickUrl: clickUrl(config.trackingUrl, message.token),
      pixelUrl: pixelUrl(config.trackingUrl, message.token),
    });
    const domain = opened.profile.dkim?.domain ?? domainOf(rendered.senderAddress);
    const messageId = simulationMessageId(message.token, domain);
    let response: string;
    try {
      const info = await opened.transport.sendMail({
        from: { name: rendered.senderName, address: rendered.senderAddress },
        to: message.email,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId,
        headers: profileHeaders(opened.profile),
      });
      response = info.response;
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'permanent') await recordError(message, failure.response, failure.responseCode);
      else await retryLater(message, failure.response, failure.responseCode);
      return;
    }
    // Recorded at once, one message per transaction: the window between the server's reply and this commit
    // is the only one in which a crash can leave a delivered message marked `sending`.
    await recordSent(round, message, messageId, { response: response.slice(0, 200) });
  }

  /** A stale claim whose recipient already opened, clicked or reported the email was delivered: no re-send. */
  async function settleStale(round: Round, stale: readonly MessageRow[]): Promise<MessageRow[]> {
    const resend: MessageRow[] = [];
    for (const message of stale) {
      if (message.openedAt || message.clickedAt || message.reportedAt) {
        const campaign = round.campaigns.get(message.campaignId);
        const domain = campaign?.sendingProfileId
          ? domainFromRound(round, campaign.sendingProfileId, message)
          : 'localhost';
        await recordSent(round, message, simulationMessageId(message.token, domain), { recovered: true });
      } else if (message.attempts > maxAttempts) {
        await recordError(message, `Gave up after ${message.attempts - 1} attempts.`, null);
      } else {
        resend.push(message);
      }
    }
    return resend;
  }

  function domainFromRound(round: Round, profileId: string, message: MessageRow): string {
    const opened = round.profiles.get(profileId);
    if (opened && !(opened instanceof Error) && opened.profile.dkim) return opened.profile.dkim.domain;
    const template = round.templates.get(`${message.dsoId}/${message.templateId}`);
    return template ? domainOf(template.senderAddress) : 'localhost';
  }

  async function finishCampaigns(round: Round): Promise<void> {
    for (const campaign of round.campaigns.values()) {
      await db.transaction().execute(async (trx) => {
        const at = iso();
        if (!(await store.completeCampaignIfDone(trx, campaign.id, at))) return;
        await audit.record(trx, {
          dsoId: campaign.dsoId,
          actor: systemActor,
          action: 'phishingCampaigns.complete',
          resourceType: 'phishingCampaign',
          resourceId: campaign.id,
          occurredAt: at,
          changedFields: ['completedAt', 'status'],
        });
      });
    }
  }

  async function round(): Promise<number> {
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    await store.releaseStaleOfStoppedCampaigns(db, nowIso);
    const stale = await store.claimStale(db, nowIso, leaseUntil, batchSize);
    const due =
      stale.length < batchSize ? await store.claimDue(db, nowIso, leaseUntil, batchSize - stale.length) : [];
    const claimed = [...stale, ...due];
    if (claimed.length === 0) return 0;
    const loaded = await loadRound(claimed);
    const toSend = [...(await settleStale(loaded, stale)), ...due];
    const byProfile = new Map<string, MessageRow[]>();
    for (const message of toSend) {
      const key = loaded.campaigns.get(message.campaignId)?.sendingProfileId ?? '';
      byProfile.set(key, [...(byProfile.get(key) ?? []), message]);
    }
    await Promise.all(
      [...byProfile].map(([profileId, messages]) => {
        const opened = loaded.profiles.get(profileId);
        // Twice the pool: each connection has the next message queued while this process records the last.
        const limit = opened && !(opened instanceof Error) ? 2 * opened.profile.maxConnections : 1;
        return eachLimited(messages, limit, (message) => deliver(loaded, message));
      }),
    );
    await finishCampaigns(loaded);
    return claimed.length;
  }

  // Rounds never overlap: the timer's and a caller's runOnce() queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<number> => {
    const next = queue.then(round);
    queue = next.catch(() => undefined);
    return next;
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    timer = undefined;
    try {
      while (!stopped && (await runOnce()) >= batchSize) {
        // A full round means more is due: go on without waiting.
      }
    } catch (error) {
      deps.log.error({ err: error }, 'the phishing sender round failed; retrying');
    }
    if (!stopped) timer = setTimeout(loop, intervalMs);
  };
  timer = setTimeout(loop, intervalMs);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await queue;
      for (const { transport } of transports.values()) transport.close();
      transports.clear();
    },
  };
}
