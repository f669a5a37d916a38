import { isoDate } from '../../../platform/clock.ts';
import { type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import * as audit from '../../audit/index.ts';
import type { ReminderResult } from '../compliance.context.ts';
import * as store from './risks.store.ts';

/** Owners hear about a task from this many days before its due date. */
export const reminderDays = 7;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function line(task: store.TaskRow, today: string): string {
  const when = task.dueDate < today ? `overdue since ${task.dueDate}` : `due ${task.dueDate}`;
  return `- ${task.title} (${when})`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

async function remindOwners(
  deps: ServiceDeps,
  mailer: Mailer,
  link: string,
  tasks: readonly store.TaskRow[],
  today: string,
  stamp: string,
): Promise<number> {
  // At most one reminder per task and UTC day.
  const due = tasks.filter((t) => t.ownerUserId !== null && (t.lastReminderAt ?? '').slice(0, 10) < today);
  let sent = 0;
  for (const [dsoId, ofDso] of groupBy(due, (t) => t.dsoId)) {
    const owners = new Map(
      (await store.activeUsers(deps.db, dsoId, [...new Set(ofDso.map((t) => t.ownerUserId ?? ''))])).map(
        (u) => [u.id, u],
      ),
    );
    for (const [ownerId, mine] of groupBy(ofDso, (t) => t.ownerUserId ?? '')) {
      const owner = owners.get(ownerId);
      if (!owner) continue;
      await mailer.send({
        to: owner.email,
        subject: `Remediation tasks due: ${mine.length}`,
        text: [
          `Hello ${owner.displayName},`,
          '',
          'These remediation tasks you own are due within 7 days or overdue:',
          ...mine.map((t) => line(t, today)),
          '',
          `Update them in Enamel: ${link}`,
        ].join('\n'),
      });
      sent += 1;
      await deps.db.transaction().execute(async (trx) => {
        for (const task of mine) {
          await store.updateTaskRow(trx, dsoId, task.id, { lastReminderAt: stamp });
        }
        await audit.record(trx, {
          dsoId,
          actor: systemActor,
          action: 'remediationTasks.remind',
          resourceType: 'remediationTask',
          resourceId: null,
          occurredAt: stamp,
          changedFields: ['lastReminderAt'],
          detail: { tasks: mine.length },
        });
      });
    }
  }
  return sent;
}

async function escalateOverdue(
  deps: ServiceDeps,
  mailer: Mailer,
  link: string,
  tasks: readonly store.TaskRow[],
  today: string,
  stamp: string,
): Promise<number> {
  const overdue = tasks.filter((t) => t.dueDate < today && t.escalatedAt === null);
  let escalated = 0;
  for (const [dsoId, ofDso] of groupBy(overdue, (t) => t.dsoId)) {
    const officers = await store.securityOfficers(deps.db, dsoId);
    if (officers.length === 0) continue;
    for (const officer of officers) {
      await mailer.send({
        to: officer.email,
        subject: `Overdue remediation tasks: ${ofDso.length}`,
        text: [
          `Hello ${officer.displayName},`,
          '',
          'These remediation tasks are past their due date and not done:',
          ...ofDso.map((t) => line(t, today)),
          '',
          `Review the remediation plan: ${link}`,
        ].join('\n'),
      });
    }
    await deps.db.transaction().execute(async (trx) => {
      for (const task of ofDso) await store.updateTaskRow(trx, dsoId, task.id, { escalatedAt: stamp });
      await audit.record(trx, {
        dsoId,
        actor: systemActor,
        action: 'remediationTasks.escalate',
        resourceType: 'remediationTask',
        resourceId: null,
        occurredAt: stamp,
        changedFields: ['escalatedAt'],
        detail: { tasks: ofDso.length, recipients: officers.length },
      });
    });
    escalated += ofDso.length;
  }
  return escalated;
}

/**
 * Reminds owners of open tasks due within 7 days or overdue (one message per owner, at most once a day per
 * task) and escalates each overdue task once to the DSO's security officers (else its DSO administrators).
 * Idempotent: `lastReminderAt` and `escalatedAt` record what was sent.
 */
export async function sendRemediationReminders(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
): Promise<ReminderResult> {
  const now = deps.clock.now();
  const today = isoDate(now);
  const stamp = now.toISOString();
  const link = `${publicUrl.replace(/\/$/, '')}/compliance/remediation`;
  const tasks = await store.tasksDueBy(deps.db, addDays(today, reminderDays));
  const sent = await remindOwners(deps, mailer, link, tasks, today, stamp);
  const escalated = await escalateOverdue(deps, mailer, link, tasks, today, stamp);
  return { sent, escalated };
}
