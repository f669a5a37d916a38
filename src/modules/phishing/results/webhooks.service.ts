import { randomBytes } from 'node:crypto';
import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { registerEncryptedColumn, type SecretBox } from '../../../platform/crypto/index.ts';
import type { WebhookTable } from '../../../platform/db/schema.ts';
import { notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookView } from './webhooks.schema.ts';
import * as store from './webhooks.store.ts';

/** Signing secrets are secrets at rest (docs/encryption.md): encrypted, bound to their webhook row. */
export const webhookSecretColumn = registerEncryptedColumn({ table: 'webhooks', column: 'secret' });

/** 256 random bits; the prefix tells an administrator what the value is when it turns up in a config. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

type Counts = Awaited<ReturnType<typeof store.deliveryCounts>>[number];

function present(row: WebhookTable, counts: Counts | undefined, lastError: string | null): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    active: row.active === 1,
    secret: 'set',
    deliveries: {
      pending: Number(counts?.pending ?? 0),
      delivered: Number(counts?.delivered ?? 0),
      failed: Number(counts?.failed ?? 0),
    },
    lastError,
    lastDeliveredAt: counts?.lastDeliveredAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function trail(scope: Scope, action: string, id: string, at: string, input: object) {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'webhook',
    resourceId: id,
    occurredAt: at,
    changedFields: audit.fieldNames(input),
  };
}

export async function listWebhooks(deps: ServiceDeps, scope: Scope): Promise<{ items: WebhookView[] }> {
  const [rows, counts, errors] = await Promise.all([
    store.listWebhooks(deps.db, scope.dsoId),
    store.deliveryCounts(deps.db, scope.dsoId),
    store.lastErrors(deps.db, scope.dsoId),
  ]);
  const byHook = new Map(counts.map((c) => [c.webhookId, c]));
  return { items: rows.map((row) => present(row, byHook.get(row.id), errors.get(row.id) ?? null)) };
}

async function viewOf(deps: ServiceDeps, scope: Scope, id: string): Promise<WebhookView> {
  const found = (await listWebhooks(deps, scope)).items.find((w) => w.id === id);
  if (!found) throw notFound('Webhook', id);
  return found;
}

export async function getWebhook(deps: ServiceDeps, scope: Scope, id: string): Promise<WebhookView> {
  return viewOf(deps, scope, id);
}

/** Creates a webhook; the answer carries the signing secret this once. It starts with the next event. */
export async function createWebhook(
  deps: ServiceDeps,
  secrets: SecretBox,
  scope: Scope,
  input: CreateWebhookInput,
): Promise<{ webhook: WebhookView; signingSecret: string }> {
  const id = newId();
  const at = deps.clock.now().toISOString();
  const signingSecret = newSigningSecret();
  const sealed = await secrets.encrypt(signingSecret, webhookSecretColumn.aad({ id }));
  await deps.db.transaction().execute(async (trx) => {
    await store.insertWebhook(trx, {
      id,
      dsoId: scope.dsoId,
      name: input.name,
      url: input.url,
      secret: sealed,
      events: JSON.stringify(input.events),
      active: input.active ? 1 : 0,
      // Its own id (UUIDv7, time-ordered): the webhook starts with the next event and never replays the past.
      checkpoint: id,
      createdAt: at,
      updatedAt: at,
    });
    await audit.record(trx, trail(scope, 'webhooks.create', id, at, input));
  });
  return { webhook: await viewOf(deps, scope, id), signingSecret };
}

export async function updateWebhook(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdateWebhookInput,
): Promise<WebhookView> {
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await store.findWebhook(trx, scope.dsoId, id);
    if (!existing) throw notFound('Webhook', id);
    const changes: Partial<WebhookTable> = { updatedAt: at };
    if (input.name !== undefined) changes.name = input.name;
    if (input.url !== undefined) changes.url = input.url;
    if (input.events !== undefined) changes.events = JSON.stringify(input.events);
    if (input.active !== undefined) changes.active = input.active ? 1 : 0;
    await store.updateWebhook(trx, scope.dsoId, id, changes);
    await audit.record(trx, trail(scope, 'webhooks.update', id, at, input));
  });
  return viewOf(deps, scope, id);
}

/** Deleting a webhook drops its outbox too (pending deliveries are never sent). */
export async function deleteWebhook(deps: ServiceDeps, scope: Scope, id: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await store.deleteWebhook(trx, scope.dsoId, id);
    if (deleted === 0) throw notFound('Webhook', id);
    await audit.record(trx, trail(scope, 'webhooks.delete', id, at, {}));
  });
}
