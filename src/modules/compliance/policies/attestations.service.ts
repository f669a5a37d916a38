import { isoDate } from '../../../platform/clock.ts';
import type { Actor, Scope, ServiceDeps } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import * as audit from '../../audit/index.ts';
import { hashAttestationToken } from './attestation.mail.ts';
import * as store from './campaigns.store.ts';
import type { MyAttestationView, PublicAttestationView } from './policies.schema.ts';
import { findVersions } from './policies.store.ts';

/** Who acknowledges through an emailed link: no account, so the trail names the link (never the token). */
export interface LinkRequest {
  readonly ip: string;
  readonly userAgent: string | null;
}

const unknownLink = () =>
  new AppError(
    'VALIDATION_FAILED',
    'This acknowledgement link is not valid. A newer reminder email may have replaced it: open the link in the most recent email.',
    [{ path: ['body', 'token'], code: 'unknown_token', message: 'The link is unknown or was replaced.' }],
  );

const closedCampaign = () =>
  new AppError(
    'VALIDATION_FAILED',
    'This acknowledgement campaign is closed, so the link no longer works. Ask your practice manager if you still need to acknowledge.',
    [{ path: ['body', 'token'], code: 'campaign_closed', message: 'The campaign is closed.' }],
  );

async function policiesFor(db: Db, dsoId: string, policyVersionIds: string) {
  const ids = JSON.parse(policyVersionIds) as string[];
  const versions = await findVersions(db, dsoId, ids);
  return ids.flatMap((id) => {
    const found = versions.find((version) => version.id === id);
    return found ? [{ title: found.title, version: found.version, body: found.body }] : [];
  });
}

async function findByToken(deps: ServiceDeps, token: string) {
  const row = await store.findAttestationByToken(deps.db, hashAttestationToken(token));
  if (!row) throw unknownLink();
  if (row.campaignStatus !== 'open') throw closedCampaign();
  return row;
}

export async function lookupByToken(deps: ServiceDeps, token: string): Promise<PublicAttestationView> {
  const row = await findByToken(deps, token);
  return {
    firstName: row.firstName,
    dsoName: row.dsoName,
    campaignTitle: row.campaignTitle,
    dueDate: row.dueDate,
    status: row.status as PublicAttestationView['status'],
    acknowledgedAt: row.acknowledgedAt,
    policies: await policiesFor(deps.db, row.dsoId, row.policyVersionIds),
  };
}

/** Records the acknowledgement once; acknowledging again answers the first record unchanged. */
async function acknowledge(
  deps: ServiceDeps,
  dsoId: string,
  attestationId: string,
  method: 'link' | 'session',
  actor: Actor,
): Promise<void> {
  const stamp = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('attestations')
      .set({
        status: 'acknowledged',
        acknowledgedAt: stamp,
        method,
        ip: actor.ip,
        userAgent: actor.userAgent,
      })
      .where('dsoId', '=', dsoId)
      .where('id', '=', attestationId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await audit.record(trx, {
      dsoId,
      actor,
      action: 'attestations.acknowledge',
      resourceType: 'attestation',
      resourceId: attestationId,
      occurredAt: stamp,
      changedFields: ['status', 'acknowledgedAt', 'method'],
    });
  });
}

export async function acknowledgeByToken(
  deps: ServiceDeps,
  token: string,
  request: LinkRequest,
): Promise<PublicAttestationView> {
  const row = await findByToken(deps, token);
  const actor: Actor = {
    type: 'system',
    id: null,
    label: 'acknowledgement link',
    ip: request.ip,
    userAgent: request.userAgent?.slice(0, 300) ?? null,
  };
  await acknowledge(deps, row.dsoId, row.id, 'link', actor);
  return lookupByToken(deps, token);
}

/** The signed-in user's attestations: matched by email to the people of their DSO. */
export async function myAttestations(deps: ServiceDeps, scope: Scope, userId: string) {
  const user = await store.userEmail(deps.db, scope.dsoId, userId);
  if (!user) return { items: [] };
  const rows = await store.attestationsOfEmail(deps.db, scope.dsoId, user.email);
  const today = isoDate(deps.clock.now());
  const items: MyAttestationView[] = [];
  for (const row of rows) {
    // A closed campaign's pending request no longer applies; acknowledged ones stay as the person's record.
    if (row.campaignStatus !== 'open' && row.status !== 'acknowledged') continue;
    items.push({
      id: row.id,
      campaignId: row.campaignId,
      campaignTitle: row.campaignTitle,
      dueDate: row.dueDate,
      overdue: row.status === 'pending' && row.dueDate < today,
      status: row.status as MyAttestationView['status'],
      acknowledgedAt: row.acknowledgedAt,
      method: row.method,
      policies: await policiesFor(deps.db, scope.dsoId, row.policyVersionIds),
    });
  }
  return { items };
}

export async function acknowledgeMine(
  deps: ServiceDeps,
  scope: Scope,
  userId: string,
  id: string,
): Promise<MyAttestationView> {
  const mine = await myAttestations(deps, scope, userId);
  const found = mine.items.find((item) => item.id === id);
  if (!found) throw notFound('Attestation', id);
  if (found.status === 'pending') {
    if (!scope.actor) throw notFound('Attestation', id);
    await acknowledge(deps, scope.dsoId, id, 'session', scope.actor);
  }
  const after = (await myAttestations(deps, scope, userId)).items.find((item) => item.id === id);
  if (!after) throw notFound('Attestation', id);
  return after;
}
