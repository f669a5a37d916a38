import { planSchedule, ScheduleError } from '../../../engines/phishing-schedule/index.ts';
import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import * as audit from '../../audit/index.ts';
import { resolveTemplates } from '../templates/index.ts';
import type { CampaignStatus, CampaignView, EmailPreview, PreviewCampaignInput } from './campaigns.schema.ts';
import { getCampaign, secureRandom } from './campaigns.service.ts';
import * as store from './campaigns.store.ts';
import { renderPreview } from './preview.ts';

const pausable: readonly CampaignStatus[] = ['scheduled', 'sending'];
const cancellable: readonly CampaignStatus[] = ['draft', 'scheduled', 'sending', 'paused'];

function wrongStatus(campaign: CampaignView, action: string, allowed: readonly CampaignStatus[]): AppError {
  return new AppError(
    'CONFLICT',
    `Campaign "${campaign.name}" is ${campaign.status}: only a ${allowed.join(' or ')} campaign can be ${action}.`,
  );
}

function lifecycleAudit(scope: Scope, action: string, id: string, at: string, detail = {}): audit.AuditInput {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'phishingCampaign',
    resourceId: id,
    occurredAt: at,
    detail,
  };
}

/** Stops new sends; messages keep their state and times. The sender sends only for scheduled or sending campaigns. */
export async function pauseCampaign(deps: ServiceDeps, scope: Scope, id: string): Promise<CampaignView> {
  const campaign = await getCampaign(deps, scope, id);
  if (!pausable.includes(campaign.status)) throw wrongStatus(campaign, 'paused', pausable);
  const stamp = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await store.moveCampaign(trx, scope.dsoId, id, pausable, 'paused', stamp))) {
      throw wrongStatus(campaign, 'paused', pausable);
    }
    await audit.record(trx, lifecycleAudit(scope, 'phishingCampaigns.pause', id, stamp));
  });
  return getCampaign(deps, scope, id);
}

/**
 * New times for the waiting messages whose time passed during the pause: spread again from now inside business
 * hours until send-by, or each zone's next business moment when send-by has passed too.
 */
function replan(
  overdue: readonly { id: string; timeZone: string | null }[],
  campaign: CampaignView,
  now: Date,
  random: () => number,
): Map<string, string> {
  const sendBy = campaign.sendBy && new Date(campaign.sendBy) > now ? new Date(campaign.sendBy) : null;
  const recipients = overdue.map((m) => ({ key: m.id, timeZone: m.timeZone ?? 'UTC' }));
  const attempt = (until: Date | null) =>
    planSchedule({ recipients, launchAt: now, sendBy: until, businessHours: campaign.businessHours, random });
  let plan: Map<string, Date>;
  try {
    plan = attempt(sendBy);
  } catch (error) {
    // What is left of the window may hold no business hours for a zone: send at its next business moment.
    if (!(error instanceof ScheduleError) || sendBy === null) throw error;
    plan = attempt(null);
  }
  return new Map([...plan].map(([key, at]) => [key, at.toISOString()]));
}

export async function resumeCampaign(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  options: { random?: () => number } = {},
): Promise<CampaignView> {
  const campaign = await getCampaign(deps, scope, id);
  if (campaign.status !== 'paused') throw wrongStatus(campaign, 'resumed', ['paused']);
  const now = deps.clock.now();
  const stamp = now.toISOString();
  const overdue = await store.overdueMessages(deps.db, id, stamp);
  const plan = replan(overdue, campaign, now, options.random ?? secureRandom);
  await deps.db.transaction().execute(async (trx) => {
    const next = (await store.hasStartedSending(trx, id)) ? 'sending' : 'scheduled';
    if (!(await store.moveCampaign(trx, scope.dsoId, id, ['paused'], next, stamp))) {
      throw wrongStatus(campaign, 'resumed', ['paused']);
    }
    await store.reschedule(trx, id, plan);
    await audit.record(
      trx,
      lifecycleAudit(scope, 'phishingCampaigns.resume', id, stamp, { rescheduled: plan.size }),
    );
  });
  return getCampaign(deps, scope, id);
}

/** Cancels every message still waiting; what was sent stays sent and keeps counting in the results. */
export async function cancelCampaign(deps: ServiceDeps, scope: Scope, id: string): Promise<CampaignView> {
  const campaign = await getCampaign(deps, scope, id);
  if (!cancellable.includes(campaign.status)) throw wrongStatus(campaign, 'cancelled', cancellable);
  const stamp = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await store.moveCampaign(trx, scope.dsoId, id, cancellable, 'cancelled', stamp))) {
      throw wrongStatus(campaign, 'cancelled', cancellable);
    }
    const cancelled = await store.cancelScheduledMessages(trx, id);
    await audit.record(trx, lifecycleAudit(scope, 'phishingCampaigns.cancel', id, stamp, { cancelled }));
  });
  return getCampaign(deps, scope, id);
}

/** One recipient's email as it would be sent (nothing is sent; its links record nothing). */
export async function previewCampaign(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: PreviewCampaignInput,
  trackingUrl: string,
): Promise<EmailPreview> {
  await getCampaign(deps, scope, id);
  const message = await store.findMessageForPreview(deps.db, id, input.messageId, scope.practiceIds ?? null);
  if (!message) throw notFound('Message', input.messageId ?? id);
  const template = (await resolveTemplates(deps.db, scope.dsoId, [message.templateId])).get(
    message.templateId,
  );
  if (!template) throw notFound('Template', message.templateId);
  return renderPreview(template, message, trackingUrl);
}
