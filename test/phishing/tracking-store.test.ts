import { expect, it } from 'vitest';
import { type PhishingEventInput, recordPhishingEvents } from '../../src/modules/phishing/events.ts';
import { newTrackingToken } from '../../src/modules/phishing/tracking/urls.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { describeEachDialect } from '../harness/db.ts';

const now = '2026-11-02T15:00:00.000Z';

async function campaignWith(handle: DatabaseHandle, messages: number) {
  const dso = await buildDso(testDeps(handle, now));
  const campaignId = newId();
  await handle.db
    .insertInto('phishingCampaigns')
    .values({
      id: campaignId,
      dsoId: dso.id,
      name: 'Store check',
      status: 'sending',
      templateIds: '[]',
      landingPageId: null,
      sendingProfileId: null,
      audience: '{}',
      launchAt: now,
      sendBy: null,
      businessHours: '{}',
      recipients: messages,
      createdBy: 'test',
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    })
    .execute();
  const ids = Array.from({ length: messages }, () => newId());
  await handle.db
    .insertInto('phishingMessages')
    .values(
      ids.map((id, index) => ({
        id,
        dsoId: dso.id,
        campaignId,
        personId: null,
        practiceId: null,
        email: `r${index}@example.test`,
        firstName: 'R',
        lastName: String(index),
        jobRole: 'hygienist',
        sharedMailbox: 0,
        templateId: 'builtin:none',
        token: newTrackingToken(),
        state: 'sent',
        scheduledAt: now,
        attempts: 1,
        leaseUntil: null,
        sentAt: now,
        smtpMessageId: null,
        lastError: null,
        openedAt: index === 5 ? '2026-11-02T15:00:00.500Z' : null,
        clickedAt: null,
        submittedAt: null,
        reportedAt: null,
        automatedClicks: 0,
      })),
    )
    .execute();
  return { dsoId: dso.id, campaignId, ids };
}

/**
 * A mixed batch in the order the tracking server sees it (time order per message): repeated opens, clicks
 * before opens, automated clicks, submissions, reports.
 */
function mixedEvents(dsoId: string, campaignId: string, ids: readonly string[]): PhishingEventInput[] {
  const at = (second: number) => `2026-11-02T15:00:${String(second).padStart(2, '0')}.000Z`;
  const event = (index: number, type: PhishingEventInput['type'], second: number, automated = false) => ({
    dsoId,
    campaignId,
    messageId: ids[index] as string,
    type,
    occurredAt: at(second),
    automated,
    ip: '203.0.113.1',
    userAgent: 'Mozilla/5.0',
    detail: { reason: automated ? 'scanner-address' : 'person' },
  });
  return [
    event(0, 'email_opened', 3),
    event(0, 'email_opened', 9),
    event(1, 'clicked_link', 4),
    event(1, 'email_opened', 8),
    event(2, 'clicked_link', 2, true),
    event(2, 'clicked_link', 3, true),
    event(2, 'email_opened', 7),
    event(3, 'submitted_data', 6),
    event(3, 'clicked_link', 1, true),
    event(4, 'email_reported', 5),
    event(5, 'clicked_link', 2),
    event(6, 'email_sent', 1),
  ];
}

describeEachDialect('recording phishing events in batches', (get) => {
  it('leaves messages as recording the same events one at a time does', async () => {
    const bulk = await campaignWith(get().handle, 7);
    const single = await campaignWith(get().handle, 7);
    await get()
      .handle.db.transaction()
      .execute((trx) => recordPhishingEvents(trx, mixedEvents(bulk.dsoId, bulk.campaignId, bulk.ids)));
    await get()
      .handle.db.transaction()
      .execute(async (trx) => {
        for (const event of mixedEvents(single.dsoId, single.campaignId, single.ids)) {
          await recordPhishingEvents(trx, [event]);
        }
      });
    const summary = async (ids: readonly string[]) => {
      const rows = await get()
        .handle.db.selectFrom('phishingMessages')
        .select(['id', 'openedAt', 'clickedAt', 'submittedAt', 'reportedAt', 'automatedClicks'])
        .where('id', 'in', [...ids])
        .execute();
      return ids.map((id) => {
        const { id: _id, ...rest } = rows.find((row) => row.id === id) ?? { id };
        return rest;
      });
    };
    const expected = await summary(single.ids);
    expect(await summary(bulk.ids)).toEqual(expected);
    expect(expected[0]).toMatchObject({ openedAt: '2026-11-02T15:00:03.000Z', clickedAt: null });
    expect(expected[2]).toMatchObject({
      openedAt: '2026-11-02T15:00:07.000Z',
      clickedAt: null,
      automatedClicks: 2,
    });
    expect(expected[5]).toMatchObject({
      openedAt: '2026-11-02T15:00:00.500Z',
      clickedAt: '2026-11-02T15:00:02.000Z',
    });
    const count = async (campaignId: string) =>
      (
        await get()
          .handle.db.selectFrom('phishingEvents')
          .select('id')
          .where('campaignId', '=', campaignId)
          .execute()
      ).length;
    expect(await count(bulk.campaignId)).toBe(12);
    expect(await count(single.campaignId)).toBe(12);
  });
});
