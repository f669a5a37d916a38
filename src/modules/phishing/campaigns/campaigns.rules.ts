import type { AudienceInput } from './campaigns.schema.ts';
import type { AudienceRow } from './campaigns.store.ts';

/** One email of a campaign before it is scheduled: a person, or a shared mailbox such as the front desk. */
export interface Recipient {
  readonly personId: string | null;
  readonly practiceId: string;
  readonly practiceName: string;
  readonly timeZone: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly jobRole: string;
  readonly sharedMailbox: boolean;
}

export interface PracticeInfo {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
}

/** The role a shared mailbox counts under: the shared mailboxes are front desks. */
export const sharedMailboxRole = 'front_desk';

function tagsOf(column: string): string[] {
  const value: unknown = JSON.parse(column);
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
}

/**
 * The recipients of an audience, once each by email: people first (each under their first matching practice:
 * the audience's practice order when it names practices, else by practice name), then shared mailboxes.
 */
export function selectRecipients(
  rows: readonly AudienceRow[],
  audience: AudienceInput,
  practices: ReadonlyMap<string, PracticeInfo>,
): Recipient[] {
  const wanted = audience.tags?.map((tag) => tag.toLowerCase()) ?? null;
  const rank = new Map((audience.practiceIds ?? []).map((id, index) => [id, index]));
  const byPerson = new Map<string, AudienceRow>();
  for (const row of rows) {
    const current = byPerson.get(row.personId);
    const better =
      current === undefined ||
      (rank.size > 0 && (rank.get(row.practiceId) ?? Infinity) < (rank.get(current.practiceId) ?? Infinity));
    if (better) byPerson.set(row.personId, row);
  }
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  for (const row of byPerson.values()) {
    if (wanted && !tagsOf(row.tags).some((tag) => wanted.includes(tag.toLowerCase()))) continue;
    const email = row.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    recipients.push({
      personId: row.personId,
      practiceId: row.practiceId,
      practiceName: row.practiceName,
      timeZone: row.timeZone,
      email,
      firstName: row.firstName,
      lastName: row.lastName,
      jobRole: row.jobRole,
      sharedMailbox: false,
    });
  }
  for (const mailbox of audience.sharedMailboxes ?? []) {
    const practice = practices.get(mailbox.practiceId);
    if (!practice || seen.has(mailbox.email)) continue;
    seen.add(mailbox.email);
    recipients.push({
      personId: null,
      practiceId: practice.id,
      practiceName: practice.name,
      timeZone: practice.timeZone,
      email: mailbox.email,
      firstName: mailbox.label,
      lastName: '',
      jobRole: sharedMailboxRole,
      sharedMailbox: true,
    });
  }
  return recipients;
}

/** Counts by practice (by name) and by role, for the audience preview. */
export function summarize(recipients: readonly Recipient[]) {
  const practices = new Map<string, { practiceId: string; practiceName: string; count: number }>();
  const roles = new Map<string, number>();
  for (const r of recipients) {
    const entry = practices.get(r.practiceId) ?? {
      practiceId: r.practiceId,
      practiceName: r.practiceName,
      count: 0,
    };
    entry.count += 1;
    practices.set(r.practiceId, entry);
    roles.set(r.jobRole, (roles.get(r.jobRole) ?? 0) + 1);
  }
  return {
    byPractice: [...practices.values()].sort((a, b) => a.practiceName.localeCompare(b.practiceName)),
    byRole: [...roles.entries()]
      .map(([jobRole, count]) => ({ jobRole, count }))
      .sort((a, b) => b.count - a.count || a.jobRole.localeCompare(b.jobRole)),
  };
}
