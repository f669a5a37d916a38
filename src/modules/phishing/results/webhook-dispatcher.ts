import { createHmac } from 'node:crypto';
import type { ServiceDeps } from '../../../platform/context.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { WebhookDeliveryTable, WebhookTable } from '../../../platform/db/schema.ts';
import { newId } from '../../../platform/ids.ts';
import { resolveTemplates } from '../templates/index.ts';
import * as resultsStore from './results.store.ts';
import { publishPhishingSignals, signalWindowDays } from './signals.service.ts';
import type { WebhookEvent } from './webhooks.schema.ts';
import { webhookSecretColumn } from './webhooks.service.ts';
import * as store from './webhooks.store.ts';

/** Which stored event types each webhook event covers; scanner (automated) events never count. */
export const webhookEventTypes: Record<WebhookEvent, readonly string[]> = {
  'phishing.failed': ['clicked_link', 'submitted_data'],
  'phishing.reported': ['email_reported'],
  'phishing.sent': ['email_sent'],
};

const eventOfType = new Map<string, WebhookEvent>(
  Object.entries(webhookEventTypes).flatMap(([event, types]) =>
    types.map((type) => [type, event as WebhookEvent] as const),
  ),
);

/** The JSON body of a delivery (docs/phishing/results.md, "Event contract"). */
export interface WebhookPayload {
  readonly id: string;
  readonly event: WebhookEvent;
  readonly occurredAt: string;
  readonly campaign: { readonly id: string; readonly name: string };
  readonly recipient: {
    readonly personId: string | null;
    readonly email: string;
    readonly practiceId: string | null;
    readonly jobRole: string;
  };
  readonly templateCategory: string | null;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the value of X-Enamel-Signature. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface WebhookDispatcherOptions {
  readonly deps: ServiceDeps;
  readonly secrets: SecretBox;
  /** Time between runs; 0 runs only through `runOnce` (tests). */
  readonly intervalMs: number;
  /** Attempts before a delivery is given up (state failed). */
  readonly maxAttempts?: number;
  /** Wait before the second attempt; doubles each time, at most an hour. */
  readonly retryBaseMs?: number;
  /** How long a receiver may take to answer. */
  readonly timeoutMs?: number;
  /** Publish compliance signals at most this often per DSO; 0 turns publishing off. */
  readonly signalsEveryMs?: number;
}

export interface RunSummary {
  readonly enqueued: number;
  readonly delivered: number;
  readonly retried: number;
  readonly failed: number;
  readonly signalsPublished: number;
}

/** Event ids are UUIDv7: the first 48 bits are the time in ms, so this is the smallest id of an instant. */
export function idFloor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

function idTime(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/** An event committed a little after a newer one is still found: each scan re-reads this much before the checkpoint. */
const rescanMs = 5_000;
const scanBatch = 500;
const deliverBatch = 50;

async function enqueueFor(deps: ServiceDeps, webhook: WebhookTable): Promise<number> {
  const events = JSON.parse(webhook.events) as WebhookEvent[];
  const types = events.flatMap((event) => webhookEventTypes[event] ?? []);
  if (types.length === 0) return 0;
  // A webhook follows only events created after it: both ids are UUIDv7, so "after" is "sorts after its id".
  const rescanFrom = webhook.checkpoint === '' ? '' : idFloor(idTime(webhook.checkpoint) - rescanMs);
  // biome-ignore lint/complexity/useMathMinMax: these are strings (UUIDs); Math.max would answer NaN.
  const from = rescanFrom > webhook.id ? rescanFrom : webhook.id;
  let enqueued = 0;
  let after = from;
  let checkpoint = webhook.checkpoint;
  for (;;) {
    const rows = await store.eventsAfter(deps.db, webhook.dsoId, after, types, scanBatch);
    const now = deps.clock.now().toISOString();
    // Built-in lures and the DSO's own templates alike, through the templates area.
    const templates = await resolveTemplates(
      deps.db,
      webhook.dsoId,
      rows.map((row) => row.templateId),
    );
    const deliveries: WebhookDeliveryTable[] = rows.map((row) => {
      const event = eventOfType.get(row.type) as WebhookEvent;
      const payload: WebhookPayload = {
        id: row.id,
        event,
        occurredAt: row.occurredAt,
        campaign: { id: row.campaignId, name: row.campaignName },
        recipient: {
          personId: row.personId,
          email: row.email,
          practiceId: row.practiceId,
          jobRole: row.jobRole,
        },
        templateCategory: templates.get(row.templateId)?.category ?? null,
      };
      return {
        id: newId(),
        dsoId: webhook.dsoId,
        webhookId: webhook.id,
        eventId: row.id,
        event,
        payload: JSON.stringify(payload),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastStatus: null,
        lastError: null,
        createdAt: now,
        deliveredAt: null,
      };
    });
    enqueued += await store.enqueueDeliveries(deps.db, deliveries);
    const last = rows.at(-1);
    if (last !== undefined && last.id > checkpoint) checkpoint = last.id;
    if (rows.length < scanBatch || last === undefined) break;
    after = last.id;
  }
  // Events of types the webhook does not follow move the checkpoint too, so the next scan starts late.
  const newest = await store.maxEventId(deps.db, webhook.dsoId, checkpoint);
  if (newest !== null && newest > checkpoint) checkpoint = newest;
  if (checkpoint !== webhook.checkpoint) {
    await store.updateWebhook(deps.db, webhook.dsoId, webhook.id, { checkpoint });
  }
  return enqueued;
}

/** fetch says only "fetch failed"; the cause carries the system code (ECONNREFUSED, ENOTFOUND, ...). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return detail ? `${error.message}: ${detail}` : error.message;
}

type Due = Awaited<ReturnType<typeof store.dueDeliveries>>[number];
type Outcome = 'delivered' | 'retried' | 'failed';

/** Sends one delivery and records what happened: delivered, retried later, or given up. */
async function deliver(
  deps: ServiceDeps,
  due: Due,
  secret: string,
  settings: Required<Pick<WebhookDispatcherOptions, 'maxAttempts' | 'retryBaseMs' | 'timeoutMs'>>,
): Promise<Outcome> {
  const attempts = due.attempts + 1;
  let status: number | null = null;
  let problem: string | null = null;
  let retryable = true;
  try {
    const response = await fetch(due.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Enamel-Webhooks/1',
        'x-enamel-event': due.event,
        'x-enamel-delivery': due.id,
        'x-enamel-signature': signatureOf(secret, due.payload),
      },
      body: due.payload,
    });
    status = response.status;
    await response.body?.cancel();
    if (status >= 200 && status < 300) problem = null;
    else {
      problem = `The receiver answered HTTP ${status}.`;
      // 4xx means the receiver refuses this request as it is; only 408 and 429 say "try later".
      retryable = status >= 500 || status === 408 || status === 429;
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    problem =
      name === 'TimeoutError'
        ? `The receiver did not answer within ${settings.timeoutMs} ms.`
        : `The receiver could not be reached (${reasonOf(error)}).`;
  }
  const now = deps.clock.now();
  if (problem === null) {
    await store.updateDelivery(deps.db, due.id, {
      state: 'delivered',
      attempts,
      lastStatus: status,
      lastError: null,
      deliveredAt: now.toISOString(),
    });
    return 'delivered';
  }
  const givingUp = !retryable || attempts >= settings.maxAttempts;
  const delay = Math.min(settings.retryBaseMs * 2 ** (attempts - 1), 3_600_000);
  await store.updateDelivery(deps.db, due.id, {
    state: givingUp ? 'failed' : 'pending',
    attempts,
    lastStatus: status,
    lastError: problem.slice(0, 500),
    nextAttemptAt: new Date(now.getTime() + (givingUp ? 0 : delay)).toISOString(),
  });
  return givingUp ? 'failed' : 'retried';
}

/**
 * The webhook outbox. Each run: queues a delivery per active webhook and new person-made event it follows
 * (the unique index on webhookId + eventId makes a second queueing a no-op), sends due deliveries signed with
 * HMAC-SHA256, retries 5xx, 408, 429 and timeouts with doubling back-off, gives up after `maxAttempts`; and,
 * at most once an hour per DSO that sent simulations lately, publishes the compliance signals.
 */
export function startWebhookDispatcher(options: WebhookDispatcherOptions): {
  stop(): Promise<void>;
  runOnce(): Promise<RunSummary>;
} {
  const { deps, secrets } = options;
  const settings = {
    maxAttempts: options.maxAttempts ?? 6,
    retryBaseMs: options.retryBaseMs ?? 30_000,
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  const signalsEveryMs = options.signalsEveryMs ?? 3_600_000;
  const published = new Map<string, number>();
  let running: Promise<RunSummary> | undefined;
  let stopped = false;

  async function publishSignals(): Promise<number> {
    if (signalsEveryMs === 0) return 0;
    const now = deps.clock.now();
    const from = new Date(now.getTime() - signalWindowDays * 86_400_000).toISOString();
    let count = 0;
    for (const dsoId of await resultsStore.dsosWithSends(deps.db, from, now.toISOString())) {
      const last = published.get(dsoId);
      if (last !== undefined && now.getTime() - last < signalsEveryMs) continue;
      published.set(dsoId, now.getTime());
      try {
        if ((await publishPhishingSignals(deps, { dsoId })).recorded) count += 1;
      } catch (error) {
        deps.log.error({ err: error, dsoId }, 'Publishing the phishing compliance signals failed.');
      }
    }
    return count;
  }

  async function run(): Promise<RunSummary> {
    let enqueued = 0;
    for (const webhook of await store.activeWebhooks(deps.db)) enqueued += await enqueueFor(deps, webhook);
    const counts = { delivered: 0, retried: 0, failed: 0 };
    const keys = new Map<string, string>();
    for (;;) {
      const due = await store.dueDeliveries(deps.db, deps.clock.now().toISOString(), deliverBatch);
      for (const item of due) {
        let secret = keys.get(item.webhookId);
        if (secret === undefined) {
          secret = await secrets.decrypt(item.secret, webhookSecretColumn.aad({ id: item.webhookId }));
          keys.set(item.webhookId, secret);
        }
        counts[await deliver(deps, item, secret, settings)] += 1;
      }
      if (due.length < deliverBatch) break;
    }
    const signalsPublished = await publishSignals();
    return { enqueued, ...counts, signalsPublished };
  }

  function runOnce(): Promise<RunSummary> {
    // One run at a time: a timer tick during a slow run waits for it instead of sending twice.
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => deps.log.error({ err: error }, 'The webhook dispatcher run failed.'))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // The run's own caller (a timer tick or runOnce) gets and reports its failure; stop only waits for it.
      await running?.catch((error: unknown) =>
        deps.log.warn({ err: error }, 'The last webhook dispatcher run failed before stopping.'),
      );
    },
  };
}
