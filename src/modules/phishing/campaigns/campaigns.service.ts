import { randomInt } from 'node:crypto';
import { planSchedule, ScheduleError } from '../../../engines/phishing-schedule/index.ts';
import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { decodeCursor, encodeCursor } from '../../../platform/db/pagination.ts';
import { AppError, type ErrorIssue, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { resolveLandingPage, resolveTemplates } from '../templates/index.ts';
import { countsByCampaign, emptyCounts, presentCampaign } from './campaigns.present.ts';
import { type PracticeInfo, type Recipient, selectRecipients, summarize } from './campaigns.rules.ts';
import {
  type AudienceInput,
  type AudiencePreview,
  type CampaignView,
  type CreateCampaignInput,
  defaultBusinessHours,
  type EmailPreview,
  type ListCampaignsQuery,
  type PreviewAudienceInput,
} from './campaigns.schema.ts';
import * as store from './campaigns.store.ts';
import { messageRows } from './message-rows.ts';
import { renderPreview } from './preview.ts';

/** A uniform source in [0, 1) from the operating system's generator: nobody can predict who gets what, when. */
export const secureRandom = (): number => randomInt(0, 0x1_0000_0000) / 0x1_0000_0000;

/** The longest window a campaign may spread over. */
const maxWindowDays = 90;
const sampleSize = 10;

function invalid(issues: ErrorIssue[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `${issues[0]?.path?.slice(1).join('.')}: ${issues[0]?.message}`,
    issues,
  );
}

/** The audience's practices (and shared mailboxes' practices) must be the DSO's and inside the caller's scope. */
async function checkedPractices(
  deps: ServiceDeps,
  scope: Scope,
  audience: AudienceInput,
): Promise<Map<string, PracticeInfo>> {
  const named = [
    ...(audience.practiceIds ?? []),
    ...(audience.sharedMailboxes ?? []).map((m) => m.practiceId),
  ];
  const found = await store.findPractices(deps.db, scope.dsoId, [...new Set(named)]);
  const practices = new Map(
    found.filter((p) => !scope.practiceIds || scope.practiceIds.includes(p.id)).map((p) => [p.id, p]),
  );
  const missing = (id: string, path: (string | number)[]): ErrorIssue[] =>
    practices.has(id) ? [] : [{ path, code: 'not_found', message: `Practice "${id}" was not found.` }];
  const issues = [
    ...(audience.practiceIds ?? []).flatMap((id, i) => missing(id, ['body', 'audience', 'practiceIds', i])),
    ...(audience.sharedMailboxes ?? []).flatMap((m, i) =>
      missing(m.practiceId, ['body', 'audience', 'sharedMailboxes', i, 'practiceId']),
    ),
  ];
  if (issues.length > 0) throw invalid(issues);
  return practices;
}

async function loadRecipients(
  deps: ServiceDeps,
  scope: Scope,
  audience: AudienceInput,
): Promise<Recipient[]> {
  const practices = await checkedPractices(deps, scope, audience);
  // An empty list is a filter left out, not a filter that matches nobody.
  const filter = <T>(values: readonly T[] | undefined) => (values && values.length > 0 ? values : undefined);
  const normalized: AudienceInput = {
    ...(filter(audience.practiceIds) ? { practiceIds: audience.practiceIds } : {}),
    ...(filter(audience.jobRoles) ? { jobRoles: audience.jobRoles } : {}),
    ...(filter(audience.tags) ? { tags: audience.tags } : {}),
    ...(filter(audience.sharedMailboxes) ? { sharedMailboxes: audience.sharedMailboxes } : {}),
  };
  const rows = await store.audienceRows(deps.db, scope.dsoId, {
    practiceIds: normalized.practiceIds ?? scope.practiceIds ?? null,
    jobRoles: normalized.jobRoles ?? null,
  });
  return selectRecipients(rows, normalized, practices);
}

export async function previewAudience(
  deps: ServiceDeps,
  scope: Scope,
  input: PreviewAudienceInput,
  trackingUrl: string,
): Promise<AudiencePreview> {
  const recipients = await loadRecipients(deps, scope, input.audience);
  const sample = recipients.slice(0, sampleSize);
  let email: EmailPreview | null = null;
  if (input.templateId !== undefined && sample[0]) {
    const template = (await resolveTemplates(deps.db, scope.dsoId, [input.templateId])).get(input.templateId);
    if (!template) {
      throw invalid([
        {
          path: ['body', 'templateId'],
          code: 'not_found',
          message: `Template "${input.templateId}" was not found.`,
        },
      ]);
    }
    email = renderPreview(template, sample[0], trackingUrl);
  }
  const shared = recipients.filter((r) => r.sharedMailbox).length;
  return {
    total: recipients.length,
    people: recipients.length - shared,
    sharedMailboxes: shared,
    ...summarize(recipients),
    sample: sample.map(({ personId: _, timeZone: __, ...rest }) => rest),
    email,
  };
}

function windowIssues(input: CreateCampaignInput, now: Date): ErrorIssue[] {
  const { launchAt, sendBy } = windowOf(input);
  const issues: ErrorIssue[] = [];
  if (launchAt.getTime() <= now.getTime()) {
    issues.push({ path: ['body', 'launchAt'], code: 'in_past', message: 'must be in the future.' });
  }
  if (sendBy && sendBy.getTime() <= launchAt.getTime()) {
    issues.push({ path: ['body', 'sendBy'], code: 'before_launch', message: 'must be after launchAt.' });
  } else if (sendBy && sendBy.getTime() - launchAt.getTime() > maxWindowDays * 86_400_000) {
    issues.push({
      path: ['body', 'sendBy'],
      code: 'too_far',
      message: `must be at most ${maxWindowDays} days after launchAt.`,
    });
  }
  return issues;
}

function windowOf(input: CreateCampaignInput): { launchAt: Date; sendBy: Date | null } {
  return { launchAt: new Date(input.launchAt), sendBy: input.sendBy ? new Date(input.sendBy) : null };
}

async function referenceIssues(
  deps: ServiceDeps,
  scope: Scope,
  input: CreateCampaignInput,
): Promise<ErrorIssue[]> {
  const templates = await resolveTemplates(deps.db, scope.dsoId, input.templateIds);
  const issues: ErrorIssue[] = input.templateIds.flatMap((id, i) =>
    templates.has(id)
      ? []
      : [{ path: ['body', 'templateIds', i], code: 'not_found', message: `Template "${id}" was not found.` }],
  );
  if (input.landingPageId && !(await resolveLandingPage(deps.db, scope.dsoId, input.landingPageId))) {
    issues.push({
      path: ['body', 'landingPageId'],
      code: 'not_found',
      message: `Landing page "${input.landingPageId}" was not found.`,
    });
  }
  if (!(await store.sendingProfileExists(deps.db, scope.dsoId, input.sendingProfileId))) {
    issues.push({
      path: ['body', 'sendingProfileId'],
      code: 'not_found',
      message: `Sending profile "${input.sendingProfileId}" was not found.`,
    });
  }
  return issues;
}

/** The engine's refusal as the caller's field: a zone without business hours is about the window. */
function scheduleIssue(error: ScheduleError): AppError {
  const field = error.problem === 'invalid_business_hours' ? 'businessHours' : 'sendBy';
  return invalid([{ path: ['body', field], code: error.problem, message: error.message }]);
}

function plan(
  recipients: readonly { key: string; timeZone: string }[],
  window: { launchAt: Date; sendBy: Date | null },
  businessHours: CreateCampaignInput['businessHours'],
  random: () => number,
): Map<string, Date> {
  try {
    return planSchedule({
      recipients,
      ...window,
      businessHours: businessHours ?? defaultBusinessHours,
      random,
    });
  } catch (error) {
    if (error instanceof ScheduleError) throw scheduleIssue(error);
    throw error;
  }
}

export interface CreateOptions {
  /** Uniform in [0, 1): chooses each recipient's template and the sending order. Tests pass a seeded one. */
  readonly random?: () => number;
}

export async function createCampaign(
  deps: ServiceDeps,
  scope: Scope,
  input: CreateCampaignInput,
  options: CreateOptions = {},
): Promise<CampaignView> {
  const random = options.random ?? secureRandom;
  const now = deps.clock.now();
  // Every problem of the request at once: the window and each reference.
  const issues = [...windowIssues(input, now), ...(await referenceIssues(deps, scope, input))];
  if (issues.length > 0) throw invalid(issues);
  const window = windowOf(input);
  const recipients = await loadRecipients(deps, scope, input.audience);
  if (recipients.length === 0) {
    throw invalid([
      {
        path: ['body', 'audience'],
        code: 'empty',
        message: 'selects no active person and no shared mailbox.',
      },
    ]);
  }
  const keyed = recipients.map((recipient, index) => ({ key: String(index), timeZone: recipient.timeZone }));
  const schedule = plan(keyed, window, input.businessHours, random);
  const id = newId();
  const stamp = now.toISOString();
  const messages = messageRows({
    dsoId: scope.dsoId,
    campaignId: id,
    recipients,
    schedule,
    templateIds: [...new Set(input.templateIds)],
    random,
  });
  await deps.db.transaction().execute(async (trx) => {
    await store.insertCampaign(trx, {
      id,
      dsoId: scope.dsoId,
      name: input.name,
      status: 'scheduled',
      templateIds: JSON.stringify([...new Set(input.templateIds)]),
      landingPageId: input.landingPageId ?? null,
      sendingProfileId: input.sendingProfileId,
      audience: JSON.stringify(input.audience),
      launchAt: window.launchAt.toISOString(),
      sendBy: window.sendBy?.toISOString() ?? null,
      businessHours: JSON.stringify(input.businessHours ?? defaultBusinessHours),
      recipients: messages.length,
      createdBy: scope.actor?.label ?? systemActor.label,
      createdAt: stamp,
      updatedAt: stamp,
      completedAt: null,
    });
    await store.insertMessages(trx, messages);
    await audit.record(trx, {
      ...campaignAudit(scope, 'phishingCampaigns.create', id, stamp),
      changedFields: audit.fieldNames(input),
      detail: {
        recipients: messages.length,
        sharedMailboxes: messages.filter((m) => m.sharedMailbox === 1).length,
        practices: new Set(recipients.map((r) => r.practiceId)).size,
        templates: new Set(input.templateIds).size,
      },
    });
  });
  return getCampaign(deps, scope, id);
}

function campaignAudit(scope: Scope, action: string, id: string, at: string): audit.AuditInput {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'phishingCampaign',
    resourceId: id,
    occurredAt: at,
  };
}

/** Not cached: the sender and the tracking server change the counts without touching the audit trail. */
export async function listCampaigns(deps: ServiceDeps, scope: Scope, query: ListCampaignsQuery) {
  const practiceIds = scope.practiceIds ?? null;
  const rows = await store.listCampaignRows(
    deps.db,
    scope.dsoId,
    { status: query.status, practiceIds },
    query.limit,
    decodeCursor(query.cursor, '-createdAt'),
  );
  const kept = rows.slice(0, query.limit);
  const counts = countsByCampaign(
    await store.countMessages(
      deps.db,
      kept.map((row) => row.id),
      practiceIds,
    ),
  );
  const last = kept.at(-1);
  return {
    items: kept.map((row) => presentCampaign(row, counts.get(row.id) ?? emptyCounts(), practiceIds)),
    // Ids are time-ordered (UUIDv7), so the id is the creation-order key.
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ sort: '-createdAt', value: last.id, id: last.id })
        : null,
  };
}

/** The campaign as the scope sees it; a practice manager's campaigns are those with their practices' recipients. */
export async function getCampaign(deps: ServiceDeps, scope: Scope, id: string): Promise<CampaignView> {
  const row = await store.findCampaign(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Campaign', id);
  const practiceIds = scope.practiceIds ?? null;
  const counts =
    countsByCampaign(await store.countMessages(deps.db, [id], practiceIds)).get(id) ?? emptyCounts();
  if (practiceIds !== null && counts.total === 0) throw notFound('Campaign', id);
  return presentCampaign(row, counts, practiceIds);
}
