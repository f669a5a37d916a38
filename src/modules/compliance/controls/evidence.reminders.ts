import { type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import * as audit from '../../audit/index.ts';
import type { ReminderResult } from '../compliance.context.ts';
import { findControl } from './catalogue.ts';

/** Days before expiry at which the evidence owner is reminded. */
export const evidenceReminderLeadDays = [14, 7, 1] as const;

const dayMs = 86_400_000;

interface Recipient {
  readonly email: string;
  readonly displayName: string;
}

interface DueItem {
  readonly id: string;
  readonly dsoId: string;
  readonly controlId: string;
  readonly title: string;
  readonly practiceName: string | null;
  readonly expiresAt: string;
  readonly ownerUserId: string | null;
  readonly remindersSent: string;
}

/** The lead times this reminder covers: every one not sent yet that is already reached (a late run sends one mail). */
export function dueLeadTimes(expiresAt: string, sent: readonly number[], now: Date): number[] {
  const left = (Date.parse(expiresAt) - now.getTime()) / dayMs;
  if (left <= 0) return [];
  return evidenceReminderLeadDays.filter((lead) => left <= lead && !sent.includes(lead));
}

async function dueItems(deps: ServiceDeps, now: Date): Promise<DueItem[]> {
  const horizon = new Date(now.getTime() + Math.max(...evidenceReminderLeadDays) * dayMs).toISOString();
  return deps.db
    .selectFrom('evidence')
    .leftJoin('practices', 'practices.id', 'evidence.practiceId')
    .select([
      'evidence.id',
      'evidence.dsoId',
      'evidence.controlId',
      'evidence.title',
      'practices.name as practiceName',
      'evidence.ownerUserId',
      'evidence.remindersSent',
      'evidence.expiresAt',
    ])
    .where('evidence.status', '=', 'active')
    .where('evidence.expiresAt', 'is not', null)
    .where('evidence.expiresAt', '>', now.toISOString())
    .where('evidence.expiresAt', '<=', horizon)
    .orderBy('evidence.expiresAt')
    .orderBy('evidence.id')
    .execute() as Promise<DueItem[]>;
}

/** Evidence owner, else the control's owner, else the DSO's security officers (else its administrators). */
async function recipientsOf(deps: ServiceDeps, item: DueItem): Promise<Recipient[]> {
  const activeUser = (id: string | null) =>
    id === null
      ? Promise.resolve(undefined)
      : deps.db
          .selectFrom('users')
          .select(['email', 'displayName'])
          .where('id', '=', id)
          .where('dsoId', '=', item.dsoId)
          .where('status', '=', 'active')
          .executeTakeFirst();
  const owner = await activeUser(item.ownerUserId);
  if (owner) return [owner];
  const setting = await deps.db
    .selectFrom('controlSettings')
    .select('ownerUserId')
    .where('dsoId', '=', item.dsoId)
    .where('controlId', '=', item.controlId)
    .executeTakeFirst();
  const controlOwner = await activeUser(setting?.ownerUserId ?? null);
  if (controlOwner) return [controlOwner];
  for (const role of ['security_officer', 'dso_admin']) {
    const users = await deps.db
      .selectFrom('users')
      .select(['email', 'displayName'])
      .where('dsoId', '=', item.dsoId)
      .where('role', '=', role)
      .where('status', '=', 'active')
      .orderBy('email')
      .execute();
    if (users.length > 0) return users;
  }
  return [];
}

function message(item: DueItem, lead: number, publicUrl: string, recipient: Recipient) {
  const control = findControl(item.controlId);
  const day = item.expiresAt.slice(0, 10);
  const where = item.practiceName === null ? 'the whole DSO' : item.practiceName;
  const link = `${publicUrl.replace(/\/$/, '')}/compliance/controls/${encodeURIComponent(item.controlId)}`;
  return {
    to: recipient.email,
    subject: `Evidence expires in ${lead === 1 ? '1 day' : `${lead} days`}: ${item.title}`,
    text: [
      `Hello ${recipient.displayName},`,
      '',
      `The evidence "${item.title}" for the control "${control?.title ?? item.controlId}" (${where}) expires on ${day} (UTC).`,
      'When it expires the control turns stale. Upload current evidence before then:',
      link,
      '',
      control === undefined ? '' : `What counts as evidence: ${control.evidence}`,
    ].join('\n'),
  };
}

/** Reminds evidence owners 14, 7 and 1 days before expiry; idempotent per lead time (evidence.remindersSent). */
export async function sendEvidenceReminders(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
): Promise<ReminderResult> {
  const now = deps.clock.now();
  let sent = 0;
  for (const item of await dueItems(deps, now)) {
    const already = JSON.parse(item.remindersSent) as number[];
    const due = dueLeadTimes(item.expiresAt, already, now);
    const lead = Math.min(...due);
    if (due.length === 0) continue;
    for (const recipient of await recipientsOf(deps, item)) {
      await mailer.send(message(item, lead, publicUrl, recipient));
      sent += 1;
    }
    const occurredAt = now.toISOString();
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('evidence')
        .set({ remindersSent: JSON.stringify([...already, ...due].sort((a, b) => b - a)) })
        .where('id', '=', item.id)
        .execute();
      await audit.record(trx, {
        dsoId: item.dsoId,
        actor: systemActor,
        action: 'evidence.remind',
        resourceType: 'evidence',
        resourceId: item.id,
        occurredAt,
        changedFields: ['remindersSent'],
        detail: { leadDays: lead },
      });
    });
  }
  return { sent, escalated: 0 };
}
