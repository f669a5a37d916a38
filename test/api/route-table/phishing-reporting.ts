import { expect } from 'vitest';
import { newTrackingToken } from '../../../src/modules/phishing/tracking/urls.ts';
import { newId } from '../../../src/platform/ids.ts';
import type { RouteTablePart } from './types.ts';

/** The victim's reported email: fixed bytes, so another DSO can upload the very same file. */
const victimReport = [
  'From: Dentrix Support <support@dentrix-license.example>',
  'To: frontdesk@victim.example',
  'Subject: Your practice management licence expires today',
  'Message-ID: <victim-report-1@dentrix-license.example>',
  '',
  'Renew now or lose access to your schedule.',
  '',
].join('\r\n');

const victimToken = newTrackingToken();

export const part: RouteTablePart = {
  async setup({ app, handle, admin, ids }) {
    const at = '2026-11-02T14:00:00.000Z';
    const campaignId = newId();
    await handle.db
      .insertInto('phishingCampaigns')
      .values({
        id: campaignId,
        dsoId: ids.dso,
        name: 'Victim campaign',
        status: 'sending',
        templateIds: '[]',
        landingPageId: null,
        sendingProfileId: null,
        audience: '{}',
        launchAt: at,
        sendBy: null,
        businessHours: '{}',
        recipients: 1,
        createdBy: 'test',
        createdAt: at,
        updatedAt: at,
        completedAt: null,
      })
      .execute();
    await handle.db
      .insertInto('phishingMessages')
      .values({
        id: newId(),
        dsoId: ids.dso,
        campaignId,
        personId: null,
        practiceId: null,
        email: 'victim@victim.example',
        firstName: 'Vic',
        lastName: 'Tim',
        jobRole: 'front_desk',
        sharedMailbox: 0,
        templateId: 'builtin:x',
        token: victimToken,
        state: 'sent',
        scheduledAt: at,
        attempts: 1,
        leaseUntil: null,
        sentAt: at,
        smtpMessageId: null,
        lastError: null,
        openedAt: null,
        clickedAt: null,
        submittedAt: null,
        reportedAt: null,
        automatedClicks: 0,
      })
      .execute();
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/reported-emails/upload',
      headers: { ...admin, 'content-type': 'message/rfc822' },
      payload: victimReport,
    });
    if (uploaded.statusCode !== 200) throw new Error(`setup reported email: ${uploaded.body}`);
    const mailbox = await app.inject({
      method: 'PUT',
      url: '/api/v1/phishing/report-mailbox',
      headers: admin,
      payload: {
        host: 'imap.victim.example',
        username: 'phish@victim.example',
        password: 'victim imap password',
      },
    });
    if (mailbox.statusCode !== 200) throw new Error(`setup report mailbox: ${mailbox.body}`);
    return { reportedEmail: uploaded.json().reportedEmail.id };
  },
  entries: {
    'POST /api/v1/phishing/reports': {
      kind: 'custom',
      why: "another DSO's simulation token is unknown to the caller",
      async check({ app, as }) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/phishing/reports',
          headers: as,
          payload: { token: victimToken },
        });
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain('victim');
      },
    },
    'POST /api/v1/phishing/reported-emails/upload': {
      kind: 'custom',
      why: "the same file uploaded by another DSO is stored in that DSO, never answered with the victim's row",
      async check({ app, as, ids }) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/phishing/reported-emails/upload',
          headers: { ...as, 'content-type': 'message/rfc822' },
          payload: victimReport,
        });
        expect(response.statusCode).toBe(200);
        expect(response.json().outcome).toBe('queued');
        expect(response.json().reportedEmail.id).not.toBe(ids.extra.reportedEmail);
      },
    },
    'GET /api/v1/phishing/reported-emails': {
      kind: 'list',
      url: '/api/v1/phishing/reported-emails',
      hidden: (ids) => ids.extra.reportedEmail as string,
    },
    'GET /api/v1/phishing/reported-emails/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/phishing/reported-emails/${ids.extra.reportedEmail}`,
    },
    'GET /api/v1/phishing/report-mailbox': {
      kind: 'list',
      url: '/api/v1/phishing/report-mailbox',
      hidden: () => 'imap.victim.example',
    },
    'PUT /api/v1/phishing/report-mailbox': { kind: 'own', why: "always the caller's own DSO's mailbox" },
    'POST /api/v1/phishing/report-mailbox/test': {
      kind: 'custom',
      why: "tests only the caller's own DSO's mailbox",
      async check({ app, as }) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/phishing/report-mailbox/test',
          headers: as,
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ ok: false });
        expect(response.body).not.toContain('imap.victim.example');
      },
    },
  },
};
