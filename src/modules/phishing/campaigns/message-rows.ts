import type { PhishingMessageTable } from '../../../platform/db/schema.ts';
import { newId } from '../../../platform/ids.ts';
import { newTrackingToken } from '../tracking/urls.ts';
import type { Recipient } from './campaigns.rules.ts';

/**
 * One waiting message per recipient: a template drawn at random from the set, a fresh tracking token and the
 * planned time (`schedule` is keyed by the recipient's index).
 */
export function messageRows(input: {
  dsoId: string;
  campaignId: string;
  recipients: readonly Recipient[];
  schedule: ReadonlyMap<string, Date>;
  templateIds: readonly string[];
  random: () => number;
}): PhishingMessageTable[] {
  const { templateIds, random } = input;
  return input.recipients.map((r, index) => {
    const at = input.schedule.get(String(index));
    if (!at) throw new Error(`recipient ${index} has no planned time`);
    return {
      id: newId(),
      dsoId: input.dsoId,
      campaignId: input.campaignId,
      personId: r.personId,
      practiceId: r.practiceId,
      email: r.email,
      firstName: r.firstName,
      lastName: r.lastName,
      jobRole: r.jobRole,
      sharedMailbox: r.sharedMailbox ? 1 : 0,
      templateId: templateIds[
        Math.min(templateIds.length - 1, Math.floor(random() * templateIds.length))
      ] as string,
      token: newTrackingToken(),
      state: 'scheduled',
      scheduledAt: at.toISOString(),
      attempts: 0,
      leaseUntil: null,
      sentAt: null,
      smtpMessageId: null,
      lastError: null,
      openedAt: null,
      clickedAt: null,
      submittedAt: null,
      reportedAt: null,
      automatedClicks: 0,
    };
  });
}
