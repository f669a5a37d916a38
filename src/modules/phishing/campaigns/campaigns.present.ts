import {
  type AudienceInput,
  audienceSchema,
  type BusinessHoursInput,
  businessHoursSchema,
  type CampaignStatus,
  type CampaignView,
  defaultBusinessHours,
  type MessageCounts,
  messageStates,
} from './campaigns.schema.ts';
import type { CampaignRow } from './campaigns.store.ts';

export function emptyCounts(): MessageCounts {
  return { total: 0, scheduled: 0, sending: 0, sent: 0, error: 0, cancelled: 0 };
}

/** Folds `count(*) group by campaignId, state` rows into counts per campaign. */
export function countsByCampaign(
  rows: readonly { campaignId: string; state: string; count: unknown }[],
): Map<string, MessageCounts> {
  const result = new Map<string, MessageCounts>();
  for (const row of rows) {
    const counts = result.get(row.campaignId) ?? emptyCounts();
    const n = Number(row.count);
    counts.total += n;
    if ((messageStates as readonly string[]).includes(row.state)) {
      counts[row.state as keyof Omit<MessageCounts, 'total'>] += n;
    }
    result.set(row.campaignId, counts);
  }
  return result;
}

function parsedJson<T>(column: string, parse: (value: unknown) => T | undefined, fallback: T): T {
  return parse(JSON.parse(column)) ?? fallback;
}

/** A practice manager sees the audience's practices and mailboxes inside their practices only. */
function scopedAudience(audience: AudienceInput, practiceIds: readonly string[] | null): AudienceInput {
  if (practiceIds === null) return audience;
  const inScope = (id: string) => practiceIds.includes(id);
  return {
    ...audience,
    ...(audience.practiceIds ? { practiceIds: audience.practiceIds.filter(inScope) } : {}),
    ...(audience.sharedMailboxes
      ? { sharedMailboxes: audience.sharedMailboxes.filter((m) => inScope(m.practiceId)) }
      : {}),
  };
}

export function presentCampaign(
  row: CampaignRow,
  counts: MessageCounts,
  practiceIds: readonly string[] | null,
): CampaignView {
  const audience = parsedJson<AudienceInput>(row.audience, (v) => audienceSchema.safeParse(v).data, {});
  const hours = parsedJson<BusinessHoursInput>(
    row.businessHours,
    (v) => businessHoursSchema.safeParse(v).data,
    defaultBusinessHours,
  );
  const templateIds = parsedJson<string[]>(
    row.templateIds,
    (v) => (Array.isArray(v) ? v.filter((id): id is string => typeof id === 'string') : undefined),
    [],
  );
  return {
    id: row.id,
    name: row.name,
    status: row.status as CampaignStatus,
    templateIds,
    landingPageId: row.landingPageId,
    sendingProfileId: row.sendingProfileId,
    audience: scopedAudience(audience, practiceIds),
    launchAt: row.launchAt,
    sendBy: row.sendBy,
    businessHours: hours,
    recipients: practiceIds === null ? row.recipients : counts.total,
    counts,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
  };
}
