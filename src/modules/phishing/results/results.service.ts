import { inPracticeScope, type Scope, type ServiceDeps } from '../../../platform/context.ts';
import { toPage } from '../../../platform/db/page.ts';
import { decodeCursor } from '../../../platform/db/pagination.ts';
import { notFound } from '../../../platform/errors.ts';
import { type PhishingEventType, phishingEventLabels } from '../events.ts';
import type {
  CampaignResults,
  RecipientsQuery,
  RecipientView,
  RepeatOffenders,
  ResultStats,
  TimelineView,
  TrendsView,
} from './results.schema.ts';
import * as store from './results.store.ts';

// Results are read straight from the database: tracking events do not bump the read-cache version.

const toCount = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** A share in percent with one decimal, or null when nothing was sent. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

/** The counts of one group and the rates derived from them (formulas in docs/phishing/results.md). */
export function statsOf(sums: store.StatSums): ResultStats {
  const sent = toCount(sums.sent);
  const failed = toCount(sums.failed);
  const reported = toCount(sums.reported);
  const missed = toCount(sums.missed);
  const failRate = percent(failed, sent);
  const reportRate = percent(reported, sent);
  // Computed from the counts, not the rounded rates, so 1 report and 3 failures give 0.33.
  const resilienceRatio = sent === 0 || failed === 0 ? null : Math.round((100 * reported) / failed) / 100;
  return {
    recipients: toCount(sums.recipients),
    sent,
    errors: toCount(sums.errors),
    opened: toCount(sums.opened),
    clicked: toCount(sums.clicked),
    submitted: toCount(sums.submitted),
    reported,
    failed,
    missed,
    automatedRecipients: toCount(sums.automatedRecipients),
    automatedEvents: toCount(sums.automatedEvents),
    failRate,
    reportRate,
    missRate: percent(missed, sent),
    openRate: percent(toCount(sums.opened), sent),
    resilienceRatio,
  };
}

const sumKeys = [
  'recipients',
  'sent',
  'errors',
  'opened',
  'clicked',
  'submitted',
  'reported',
  'failed',
  'missed',
  'automatedRecipients',
  'automatedEvents',
] as const;

/** Adds up the sums of several groups (the database answered one row per practice, role and mailbox kind). */
export function sumGroups(groups: readonly store.StatSums[]): Record<(typeof sumKeys)[number], number> {
  const total = Object.fromEntries(sumKeys.map((key) => [key, 0])) as Record<
    (typeof sumKeys)[number],
    number
  >;
  for (const group of groups) for (const key of sumKeys) total[key] += toCount(group[key]);
  return total;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function earliest(values: readonly (string | null)[]): string | null {
  let first: string | null = null;
  for (const value of values) if (value !== null && (first === null || value < first)) first = value;
  return first;
}

/** The campaign of the DSO, or NOT_FOUND. */
export async function loadCampaign(deps: ServiceDeps, scope: Scope, campaignId: string) {
  const campaign = await store.findCampaign(deps.db, scope.dsoId, campaignId);
  if (!campaign) throw notFound('Campaign', campaignId);
  return campaign;
}

/** The recipients a scope may see: a practice manager only their practices' (a practice outside is 404). */
export function messageFilter(
  scope: Scope,
  campaignId: string | undefined,
  practiceId?: string,
): store.MessageFilter {
  if (practiceId !== undefined && !inPracticeScope(scope, practiceId)) {
    throw notFound('Practice', practiceId);
  }
  return {
    dsoId: scope.dsoId,
    ...(campaignId === undefined ? {} : { campaignId }),
    practiceIds: scope.practiceIds ?? null,
    practiceId,
  };
}

export async function practiceNameMap(deps: ServiceDeps, dsoId: string): Promise<Map<string, string>> {
  const rows = await store.practiceNames(deps.db, dsoId);
  return new Map(rows.map((row) => [row.id, row.name]));
}

interface CachedResults {
  readonly marker: string;
  readonly at: number;
  readonly value: Promise<CampaignResults>;
}

// Results are not in the versioned read cache (tracking events do not bump its version). This small cache is
// keyed by what changes them instead: the newest event id (any recorded event changes it), the campaign's status
// and update time; an entry also lives at most `freshMs`, for changes that record no event. Concurrent requests
// for the same figures share one computation.
const freshMs = 2_000;
const maxEntries = 500;
const cache = new Map<string, CachedResults>();

/** Statistics and breakdowns of one campaign, aggregated by the database. */
export async function campaignResults(
  deps: ServiceDeps,
  scope: Scope,
  campaignId: string,
  practiceId?: string,
): Promise<CampaignResults> {
  const campaign = await loadCampaign(deps, scope, campaignId);
  const filter = messageFilter(scope, campaignId, practiceId);
  const key = `${scope.dsoId}|${campaignId}|${scope.practiceIds?.join(',') ?? '*'}|${practiceId ?? ''}`;
  const marker = `${await store.newestEventId(deps.db)}|${campaign.status}|${campaign.updatedAt}`;
  const now = performance.now();
  const hit = cache.get(key);
  if (hit !== undefined && hit.marker === marker && now - hit.at < freshMs) return hit.value;
  const value = computeResults(deps, scope, campaign, filter, practiceId);
  cache.delete(key);
  cache.set(key, { marker, at: now, value });
  // A failed computation is not kept; the caller still sees its error.
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  return value;
}

async function computeResults(
  deps: ServiceDeps,
  scope: Scope,
  campaign: Awaited<ReturnType<typeof loadCampaign>>,
  filter: store.MessageFilter,
  practiceId: string | undefined,
): Promise<CampaignResults> {
  const [groups, names] = await Promise.all([
    store.statsByGroup(deps.db, filter),
    practiceNameMap(deps, scope.dsoId),
  ]);
  const totals = sumGroups(groups);
  const people = groups.filter((g) => toCount(g.sharedMailbox) === 0);
  const firstSentAt = earliest(groups.map((g) => g.firstSentAt));
  const firstReportAt = earliest(groups.map((g) => g.firstReportAt));
  const byPractice = [...groupBy(people, (g) => g.practiceId)]
    .map(([practiceId, rows]) => ({
      practiceId,
      practiceName: practiceId === null ? null : (names.get(practiceId) ?? null),
      ...statsOf(sumGroups(rows)),
    }))
    .sort((a, b) => (a.practiceName ?? '\uffff').localeCompare(b.practiceName ?? '\uffff'));
  const byJobRole = [...groupBy(people, (g) => g.jobRole)]
    .map(([jobRole, rows]) => ({ jobRole, ...statsOf(sumGroups(rows)) }))
    .sort((a, b) => a.jobRole.localeCompare(b.jobRole));
  const shared = sumGroups(groups.filter((g) => toCount(g.sharedMailbox) === 1));
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      launchAt: campaign.launchAt,
      completedAt: campaign.completedAt,
    },
    practiceIds: practiceId !== undefined ? [practiceId] : scope.practiceIds ? [...scope.practiceIds] : null,
    stats: statsOf(totals),
    firstSentAt,
    firstReportAt,
    secondsToFirstReport:
      firstSentAt === null || firstReportAt === null
        ? null
        : Math.max(0, Math.round((Date.parse(firstReportAt) - Date.parse(firstSentAt)) / 1000)),
    byPractice,
    byJobRole,
    sharedMailboxes: statsOf(shared),
  };
}

/** What happened to a recipient, in one word: the strongest outcome wins. */
export function resultOf(row: store.MessageRow): string {
  if (row.state === 'error') return 'error';
  if (row.reportedAt !== null && row.clickedAt === null && row.submittedAt === null) return 'reported';
  if (row.submittedAt !== null) return 'submitted';
  if (row.clickedAt !== null) return 'clicked';
  if (row.openedAt !== null) return 'opened';
  if (row.sentAt !== null) return 'sent';
  return row.state;
}

export function presentRecipient(row: store.MessageRow, names: ReadonlyMap<string, string>): RecipientView {
  return {
    id: row.id,
    personId: row.personId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    practiceId: row.practiceId,
    practiceName: row.practiceId === null ? null : (names.get(row.practiceId) ?? null),
    jobRole: row.jobRole,
    sharedMailbox: row.sharedMailbox === 1,
    state: row.state,
    sentAt: row.sentAt,
    openedAt: row.openedAt,
    clickedAt: row.clickedAt,
    submittedAt: row.submittedAt,
    reportedAt: row.reportedAt,
    automatedClicks: row.automatedClicks,
    failed: row.clickedAt !== null || row.submittedAt !== null,
    result: resultOf(row),
    lastError: row.lastError,
  };
}

const recipientsSort = 'email';

/** One page of a campaign's recipients by email, filtered by status, practice and text. */
export async function listRecipients(
  deps: ServiceDeps,
  scope: Scope,
  campaignId: string,
  query: RecipientsQuery,
) {
  await loadCampaign(deps, scope, campaignId);
  const filter = messageFilter(scope, campaignId, query.practiceId);
  const cursor = decodeCursor(query.cursor, recipientsSort);
  const [rows, names] = await Promise.all([
    store.recipientPage(deps.db, filter, { status: query.status, q: query.q, limit: query.limit, cursor }),
    practiceNameMap(deps, scope.dsoId),
  ]);
  return toPage(
    rows,
    query.limit,
    recipientsSort,
    (row) => row.email,
    (row) => presentRecipient(row, names),
  );
}

function parseDetail(text: string): Record<string, string | number | boolean> {
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, string | number | boolean>)
    : {};
}

/** A recipient's events in order, with GoPhish's labels; scanner events are marked automated. */
export async function recipientTimeline(
  deps: ServiceDeps,
  scope: Scope,
  campaignId: string,
  messageId: string,
): Promise<TimelineView> {
  await loadCampaign(deps, scope, campaignId);
  const filter = messageFilter(scope, campaignId);
  const row = await store.findMessage(deps.db, filter, messageId);
  if (!row) throw notFound('Recipient', messageId);
  const [events, names] = await Promise.all([
    store.messageEvents(deps.db, scope.dsoId, messageId),
    practiceNameMap(deps, scope.dsoId),
  ]);
  return {
    recipient: presentRecipient(row, names),
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      label: phishingEventLabels[event.type as PhishingEventType] ?? event.type,
      occurredAt: event.occurredAt,
      automated: event.automated === 1,
      ip: event.ip,
      userAgent: event.userAgent,
      detail: parseDetail(event.detail),
    })),
  };
}

/** People who failed in at least `threshold` of the DSO's campaigns (in the scope's practices). */
export async function listRepeatOffenders(
  deps: ServiceDeps,
  scope: Scope,
  threshold: number,
): Promise<RepeatOffenders> {
  const [rows, names] = await Promise.all([
    store.repeatOffenders(deps.db, messageFilter(scope, undefined), threshold),
    practiceNameMap(deps, scope.dsoId),
  ]);
  return {
    threshold,
    items: rows.map((row) => ({
      personId: row.personId,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      practiceId: row.practiceId,
      practiceName: row.practiceId === null ? null : (names.get(row.practiceId) ?? null),
      jobRole: row.jobRole,
      failures: toCount(row.failures),
      campaigns: toCount(row.campaigns),
      lastFailedAt: row.lastFailedAt,
    })),
  };
}

/** Fail and report rate of each launched campaign with a recipient in scope, by launch date. */
export async function campaignTrends(deps: ServiceDeps, scope: Scope): Promise<TrendsView> {
  const [campaigns, counts] = await Promise.all([
    store.launchedCampaigns(deps.db, scope.dsoId),
    store.campaignTrendCounts(deps.db, messageFilter(scope, undefined)),
  ]);
  const byCampaign = new Map(counts.map((row) => [row.campaignId, row]));
  const items: TrendsView['items'] = [];
  for (const campaign of campaigns) {
    const row = byCampaign.get(campaign.id);
    if (row === undefined) continue;
    const sent = toCount(row.sent);
    const failed = toCount(row.failed);
    const reported = toCount(row.reported);
    items.push({
      campaignId: campaign.id,
      name: campaign.name,
      status: campaign.status,
      launchAt: campaign.launchAt,
      sent,
      failed,
      reported,
      failRate: percent(failed, sent),
      reportRate: percent(reported, sent),
    });
  }
  return { items };
}

/** The data of the practice manager's PDF summary (`practiceId` narrows it to one practice). */
export async function summaryData(deps: ServiceDeps, scope: Scope, campaignId: string, practiceId?: string) {
  const results = await campaignResults(deps, scope, campaignId, practiceId);
  const dso = await deps.db
    .selectFrom('dsos')
    .select('name')
    .where('id', '=', scope.dsoId)
    .executeTakeFirstOrThrow();
  let scopeLabel = 'All practices';
  if (practiceId !== undefined) {
    scopeLabel = `Practice: ${(await practiceNameMap(deps, scope.dsoId)).get(practiceId) ?? practiceId}`;
  } else if (scope.practiceIds) {
    scopeLabel = `Your ${scope.practiceIds.length} practice(s)`;
  }
  return { dsoName: dso.name, scopeLabel, generatedAt: deps.clock.now().toISOString(), results };
}
