import { listBuiltinTemplates } from '../../../src/modules/phishing/templates/index.ts';
import { newId } from '../../../src/platform/ids.ts';
import type { Ids, RouteTablePart } from './types.ts';

const campaignUrl = (ids: Ids, suffix = '') => `/api/v1/phishing/campaigns/${ids.extra.campaign}${suffix}`;

// The test clock reads 2026-11-02T15:00Z: the victim's campaign launches a week later.
const campaignPayload = (ids: Ids) => ({
  name: 'Victim campaign',
  templateIds: listBuiltinTemplates()
    .slice(0, 1)
    .map((t) => t.id),
  sendingProfileId: ids.extra.sendingProfile,
  audience: { practiceIds: [ids.practice] },
  launchAt: '2026-11-09T15:00:00Z',
});

export const part: RouteTablePart = {
  async setup({ app, handle, admin, ids }) {
    // Sending profiles belong to the sending area; a row is all a campaign needs to name one.
    const sendingProfile = newId();
    await handle.db
      .insertInto('sendingProfiles')
      .values({
        id: sendingProfile,
        dsoId: ids.dso,
        name: 'Victim relay',
        smtpUrl: 'unused',
        maxConnections: 1,
        dkimDomain: null,
        dkimSelector: null,
        dkimPrivateKey: null,
        headers: '[]',
        simulationHeaderName: 'X-Enamel-Simulation',
        simulationHeaderValue: 'true',
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/campaigns',
      headers: admin,
      payload: campaignPayload({ ...ids, extra: { ...ids.extra, sendingProfile } }),
    });
    if (created.statusCode !== 201) throw new Error(`setup campaign: ${created.body}`);
    return { sendingProfile, campaign: created.json().id };
  },
  entries: {
    'GET /api/v1/phishing/campaigns': {
      kind: 'list',
      url: '/api/v1/phishing/campaigns',
      hidden: (ids) => ids.extra.campaign as string,
    },
    'POST /api/v1/phishing/campaigns/preview-audience': {
      kind: 'create',
      url: '/api/v1/phishing/campaigns/preview-audience',
      payload: (ids) => ({ audience: { practiceIds: [ids.practice] } }),
    },
    'POST /api/v1/phishing/campaigns': {
      kind: 'create',
      url: '/api/v1/phishing/campaigns',
      payload: campaignPayload,
    },
    'GET /api/v1/phishing/campaigns/:id': { kind: 'resource', url: (ids) => campaignUrl(ids) },
    'POST /api/v1/phishing/campaigns/:id/pause': {
      kind: 'resource',
      url: (ids) => campaignUrl(ids, '/pause'),
    },
    'POST /api/v1/phishing/campaigns/:id/resume': {
      kind: 'resource',
      url: (ids) => campaignUrl(ids, '/resume'),
    },
    'POST /api/v1/phishing/campaigns/:id/cancel': {
      kind: 'resource',
      url: (ids) => campaignUrl(ids, '/cancel'),
    },
    'POST /api/v1/phishing/campaigns/:id/preview': {
      kind: 'resource',
      url: (ids) => campaignUrl(ids, '/preview'),
      payload: {},
    },
  },
};
