import { isoDate } from '../../../platform/clock.ts';
import { inPracticeScope, type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError, type ErrorIssue, isAppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { type Mailer, mailNotConfigured } from '../../../platform/mail/index.ts';
import * as audit from '../../audit/index.ts';
import {
  type AttestationMailContext,
  acknowledgeLink,
  attestationMessage,
  newAttestationToken,
} from './attestation.mail.ts';
import * as store from './campaigns.store.ts';
import type {
  CampaignDetail,
  CampaignView,
  CreateCampaignInput,
  DeliveryView,
  ListCampaignsQuery,
} from './policies.schema.ts';
import { findVersions } from './policies.store.ts';

type CampaignRow = NonNullable<Awaited<ReturnType<typeof store.findCampaign>>>;
interface StoredAudience {
  practiceIds: string[];
  jobRoles: string[];
}

function audienceOf(row: CampaignRow): StoredAudience {
  const parsed = JSON.parse(row.audience) as Partial<StoredAudience>;
  return { practiceIds: parsed.practiceIds ?? [], jobRoles: parsed.jobRoles ?? [] };
}

/** A practice manager sees only campaigns addressed to their practices alone; others see every campaign. */
function isVisible(scope: Scope, audience: StoredAudience): boolean {
  if (!scope.practiceIds) return true;
  return audience.practiceIds.length > 0 && audience.practiceIds.every((id) => inPracticeScope(scope, id));
}

const percentOf = (acknowledged: number, total: number) =>
  total === 0 ? 0 : Math.floor((acknowledged / total) * 1000) / 10;

async function policiesOf(db: Db, dsoId: string, row: CampaignRow) {
  const ids = JSON.parse(row.policyVersionIds) as string[];
  const versions = await findVersions(db, dsoId, ids);
  return ids.flatMap((id) => {
    const version = versions.find((candidate) => candidate.id === id);
    return version
      ? [
          {
            policyId: version.policyId,
            versionId: id,
            title: version.title,
            version: version.version,
            body: version.body,
          },
        ]
      : [];
  });
}

async function presentCampaign(
  db: Db,
  row: CampaignRow,
  counts: { total: number; acknowledged: number },
  today: string,
): Promise<CampaignView> {
  const policies = await policiesOf(db, row.dsoId, row);
  return {
    id: row.id,
    title: row.title,
    status: row.status as CampaignView['status'],
    dueDate: row.dueDate,
    overdue: row.status === 'open' && row.dueDate < today && counts.acknowledged < counts.total,
    audience: audienceOf(row),
    policies: policies.map(({ body: _body, ...policy }) => policy),
    total: counts.total,
    acknowledged: counts.acknowledged,
    percent: percentOf(counts.acknowledged, counts.total),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}

export async function listCampaigns(deps: ServiceDeps, scope: Scope, query: ListCampaignsQuery) {
  const rows = (await store.listCampaignRows(deps.db, scope.dsoId, query.status)).filter((row) =>
    isVisible(scope, audienceOf(row)),
  );
  const progress = await store.progressByCampaign(deps.db, scope.dsoId);
  const today = isoDate(deps.clock.now());
  const items: CampaignView[] = [];
  for (const row of rows) {
    items.push(
      await presentCampaign(deps.db, row, progress.get(row.id) ?? { total: 0, acknowledged: 0 }, today),
    );
  }
  return { items };
}

async function findVisibleCampaign(deps: ServiceDeps, scope: Scope, id: string) {
  const row = await store.findCampaign(deps.db, scope.dsoId, id);
  if (!row || !isVisible(scope, audienceOf(row))) throw notFound('Campaign', id);
  return row;
}

export async function getCampaign(deps: ServiceDeps, scope: Scope, id: string): Promise<CampaignDetail> {
  const row = await findVisibleCampaign(deps, scope, id);
  const attestations = await store.attestationsOf(deps.db, scope.dsoId, id);
  const practicesOf = await store.practicesOfPeople(
    deps.db,
    scope.dsoId,
    attestations.map((a) => a.personId),
  );
  const acknowledged = attestations.filter((a) => a.status === 'acknowledged').length;
  const view = await presentCampaign(
    deps.db,
    row,
    { total: attestations.length, acknowledged },
    isoDate(deps.clock.now()),
  );
  const audience = audienceOf(row);
  const byPractice = new Map<
    string,
    { practiceId: string; name: string; total: number; acknowledged: number }
  >();
  const people = attestations.map((a) => {
    const practices = (practicesOf.get(a.personId) ?? []).filter((p) => inPracticeScope(scope, p.id));
    for (const practice of practices) {
      if (audience.practiceIds.length > 0 && !audience.practiceIds.includes(practice.id)) continue;
      const entry = byPractice.get(practice.id) ?? {
        practiceId: practice.id,
        name: practice.name,
        total: 0,
        acknowledged: 0,
      };
      entry.total += 1;
      if (a.status === 'acknowledged') entry.acknowledged += 1;
      byPractice.set(practice.id, entry);
    }
    return {
      attestationId: a.id,
      personId: a.personId,
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email,
      jobRole: a.jobRole,
      practices,
      status: a.status as 'pending' | 'acknowledged',
      acknowledgedAt: a.acknowledgedAt,
      method: a.method,
      remindersSent: a.remindersSent,
      lastRemindedAt: a.lastRemindedAt,
    };
  });
  const practices = [...byPractice.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => ({ ...entry, percent: percentOf(entry.acknowledged, entry.total) }));
  return { ...view, practices, people };
}

/** Checks the whole input and reports every problem at once, naming the field and the caller's id. */
async function validateCampaign(deps: ServiceDeps, scope: Scope, input: CreateCampaignInput) {
  const issues: ErrorIssue[] = [];
  const today = isoDate(deps.clock.now());
  if (input.dueDate <= today) {
    issues.push({
      path: ['body', 'dueDate'],
      code: 'not_future',
      message: `The due date must be after today (${today}).`,
    });
  }
  const versions = await findVersions(deps.db, scope.dsoId, input.policyVersionIds);
  input.policyVersionIds.forEach((id, index) => {
    const version = versions.find((candidate) => candidate.id === id);
    if (!version) {
      issues.push({
        path: ['body', 'policyVersionIds', index],
        code: 'not_found',
        message: `Policy version "${id}" was not found.`,
      });
    } else if (version.status !== 'approved') {
      issues.push({
        path: ['body', 'policyVersionIds', index],
        code: 'not_approved',
        message: `Policy version "${id}" (${version.title}, version ${version.version}) is ${version.status}: only the approved version in force can be attested.`,
      });
    }
  });
  const named = input.audience.practiceIds ?? [];
  const found = new Set((await store.existingPractices(deps.db, scope.dsoId, named)).map((p) => p.id));
  named.forEach((id, index) => {
    if (!found.has(id) || !inPracticeScope(scope, id)) {
      issues.push({
        path: ['body', 'audience', 'practiceIds', index],
        code: 'not_found',
        message: `Practice "${id}" was not found.`,
      });
    }
  });
  if (issues.length > 0) {
    const first = issues[0] as ErrorIssue;
    throw new AppError('VALIDATION_FAILED', `${first.path?.slice(1).join('.')}: ${first.message}`, issues);
  }
  return versions;
}

export async function createCampaign(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
  scope: Scope,
  input: CreateCampaignInput,
): Promise<CampaignDetail & { delivery: DeliveryView }> {
  await validateCampaign(deps, scope, input);
  // A practice manager's campaign is addressed to their own practices.
  const audience: StoredAudience = {
    practiceIds: [
      ...new Set(input.audience.practiceIds?.length ? input.audience.practiceIds : (scope.practiceIds ?? [])),
    ],
    jobRoles: [...new Set(input.audience.jobRoles ?? [])],
  };
  const people = await store.audiencePeople(deps.db, scope.dsoId, audience);
  if (people.length === 0) {
    const message = 'No active person matches the audience: check the practices and job roles.';
    throw new AppError('VALIDATION_FAILED', `audience: ${message}`, [
      { path: ['body', 'audience'], code: 'empty', message },
    ]);
  }
  const now = deps.clock.now();
  const stamp = now.toISOString();
  const id = newId();
  const invitations = people.map((person) => ({ person, attestationId: newId(), ...newAttestationToken() }));
  await deps.db.transaction().execute(async (trx) => {
    await store.insertCampaign(trx, {
      id,
      dsoId: scope.dsoId,
      title: input.title,
      policyVersionIds: JSON.stringify([...new Set(input.policyVersionIds)]),
      audience: JSON.stringify(audience),
      dueDate: input.dueDate,
      status: 'open',
      createdBy: (scope.actor ?? systemActor).label,
      createdAt: stamp,
      closedAt: null,
    });
    await store.insertAttestations(
      trx,
      invitations.map((invitation) => ({
        id: invitation.attestationId,
        dsoId: scope.dsoId,
        campaignId: id,
        personId: invitation.person.id,
        status: 'pending',
        tokenHash: invitation.hash,
        acknowledgedAt: null,
        method: null,
        ip: null,
        userAgent: null,
        remindersSent: 0,
        lastRemindedAt: null,
      })),
    );
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action: 'campaigns.create',
      resourceType: 'attestationCampaign',
      resourceId: id,
      occurredAt: stamp,
      changedFields: audit.fieldNames(input),
      detail: { people: people.length, policies: input.policyVersionIds.length },
    });
  });
  const context = await mailContext(deps.db, scope.dsoId, id);
  const delivery = await sendInvitations(deps, mailer, publicUrl, context, invitations);
  return { ...(await getCampaign(deps, scope, id)), delivery };
}

export async function mailContext(
  db: Db,
  dsoId: string,
  campaignId: string,
): Promise<AttestationMailContext> {
  const row = await store.findCampaign(db, dsoId, campaignId);
  if (!row) throw notFound('Campaign', campaignId);
  const dso = await store.dsoName(db, dsoId);
  const policies = await policiesOf(db, dsoId, row);
  return { dsoName: dso?.name ?? '', campaignTitle: row.title, dueDate: row.dueDate, policies };
}

/**
 * Emails each invitation. A campaign is created even when mail cannot go out: without SMTP nothing is tried,
 * and after the first refused message the rest are not tried either (the server is down or refusing); the
 * answer says how many were not sent, and those people get a fresh link with the next reminder.
 */
async function sendInvitations(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
  context: AttestationMailContext,
  invitations: readonly { person: { firstName: string; email: string }; token: string }[],
): Promise<DeliveryView> {
  if (!mailer.isConfigured) {
    return { sent: 0, notSent: invitations.length, problem: mailNotConfigured().message, skipped: 0 };
  }
  const today = isoDate(deps.clock.now());
  let sent = 0;
  for (const invitation of invitations) {
    try {
      await mailer.send(
        attestationMessage(
          'invitation',
          context,
          invitation.person,
          acknowledgeLink(publicUrl, invitation.token),
          today,
        ),
      );
      sent += 1;
    } catch (error) {
      if (!isAppError(error) || !error.code.startsWith('MAIL_')) throw error;
      deps.log.warn(
        { code: error.code, notSent: invitations.length - sent },
        'attestation invitations not sent',
      );
      return { sent, notSent: invitations.length - sent, problem: error.message, skipped: 0 };
    }
  }
  return { sent, notSent: 0, problem: null, skipped: 0 };
}

export interface PendingAttestation {
  readonly id: string;
  readonly dsoId: string;
  readonly campaignId: string;
  readonly remindersSent: number;
  readonly firstName: string;
  readonly email: string;
}

/** Emails one reminder with a fresh link, then stores the new token's hash (the old link stops working). */
export async function remindOne(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
  context: AttestationMailContext,
  pending: PendingAttestation,
): Promise<void> {
  const now = deps.clock.now();
  const { token, hash } = newAttestationToken();
  await mailer.send(
    attestationMessage('reminder', context, pending, acknowledgeLink(publicUrl, token), isoDate(now)),
  );
  await store.updateAttestationRow(deps.db, pending.dsoId, pending.id, {
    tokenHash: hash,
    remindersSent: pending.remindersSent + 1,
    lastRemindedAt: now.toISOString(),
  });
}

/** Sends a reminder now to every pending person of an open campaign who was not reminded today. */
export async function remindCampaign(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
  scope: Scope,
  id: string,
): Promise<DeliveryView> {
  const row = await findVisibleCampaign(deps, scope, id);
  if (row.status !== 'open')
    throw new AppError('CONFLICT', `Campaign "${row.title}" is closed: start a new campaign to ask again.`);
  if (!mailer.isConfigured) throw mailNotConfigured();
  const today = isoDate(deps.clock.now());
  const pending = await store.pendingOfOpenCampaigns(deps.db, { dsoId: scope.dsoId, campaignId: id });
  const due = pending.filter((p) => (p.lastRemindedAt ?? '').slice(0, 10) !== today);
  const context = await mailContext(deps.db, scope.dsoId, id);
  let sent = 0;
  for (const person of due) {
    await remindOne(deps, mailer, publicUrl, context, person);
    sent += 1;
  }
  const stamp = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action: 'campaigns.remind',
      resourceType: 'attestationCampaign',
      resourceId: id,
      occurredAt: stamp,
      detail: { sent },
    });
  });
  return { sent, notSent: 0, problem: null, skipped: pending.length - due.length };
}

export async function closeCampaign(deps: ServiceDeps, scope: Scope, id: string): Promise<CampaignDetail> {
  const row = await findVisibleCampaign(deps, scope, id);
  if (row.status !== 'open') throw new AppError('CONFLICT', `Campaign "${row.title}" is already closed.`);
  const stamp = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.updateCampaignRow(trx, scope.dsoId, id, { status: 'closed', closedAt: stamp });
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action: 'campaigns.close',
      resourceType: 'attestationCampaign',
      resourceId: id,
      occurredAt: stamp,
      changedFields: ['status'],
    });
  });
  return getCampaign(deps, scope, id);
}
