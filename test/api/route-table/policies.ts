import type { FastifyInstance } from 'fastify';
import type { Headers, RouteTablePart } from './types.ts';

async function call(
  app: FastifyInstance,
  headers: Headers,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
) {
  const response = await app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload ? { payload } : {}),
  });
  if (response.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${response.body}`);
  return response.json();
}

export const part: RouteTablePart = {
  async setup({ app, admin, ids }) {
    const policy = await call(app, admin, 'POST', '/compliance/policies', { templateId: 'acceptable-use' });
    const version = policy.versions[0].id as string;
    await call(app, admin, 'POST', `/compliance/policies/${policy.id}/versions/${version}/approve`);
    const campaign = await call(app, admin, 'POST', '/compliance/campaigns', {
      title: 'Victim attestation',
      policyVersionIds: [version],
      audience: { practiceIds: [ids.practice] },
      dueDate: '2026-12-31',
    });
    const vendor = await call(app, admin, 'POST', '/compliance/vendors', {
      name: 'Victim Imaging Cloud',
      category: 'imaging',
      practiceIds: [ids.practice],
      ephiAccess: 'full',
      baaStatus: 'needed',
    });
    return {
      policy: policy.id,
      policyVersion: version,
      campaign: campaign.id,
      attestation: campaign.people[0].attestationId,
      vendor: vendor.id,
    };
  },
  entries: {
    'GET /api/v1/compliance/policy-templates': {
      kind: 'list',
      url: '/api/v1/compliance/policy-templates',
      hidden: (ids) => ids.extra.policy as string,
    },
    'GET /api/v1/compliance/policies': {
      kind: 'list',
      url: '/api/v1/compliance/policies',
      hidden: (ids) => ids.extra.policy as string,
    },
    'POST /api/v1/compliance/policies': {
      kind: 'createsOwn',
      url: '/api/v1/compliance/policies',
      payload: { templateId: 'sanctions' },
      list: '/api/v1/compliance/policies',
    },
    'GET /api/v1/compliance/policies/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/policies/${ids.extra.policy}`,
    },
    'PATCH /api/v1/compliance/policies/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/policies/${ids.extra.policy}`,
      payload: { reviewIntervalMonths: 6 },
    },
    'POST /api/v1/compliance/policies/:id/versions': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/policies/${ids.extra.policy}/versions`,
      payload: { body: '# Taken over', changeNote: 'Attacker draft' },
    },
    'POST /api/v1/compliance/policies/:id/versions/:versionId/approve': {
      kind: 'resource',
      url: (ids) =>
        `/api/v1/compliance/policies/${ids.extra.policy}/versions/${ids.extra.policyVersion}/approve`,
    },
    'GET /api/v1/compliance/campaigns': {
      kind: 'list',
      url: '/api/v1/compliance/campaigns',
      hidden: (ids) => ids.extra.campaign as string,
    },
    'POST /api/v1/compliance/campaigns': {
      kind: 'create',
      url: '/api/v1/compliance/campaigns',
      payload: (ids) => ({
        title: 'Borrowed policy',
        policyVersionIds: [ids.extra.policyVersion],
        audience: { practiceIds: [ids.practice] },
        dueDate: '2026-12-31',
      }),
    },
    'GET /api/v1/compliance/campaigns/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/campaigns/${ids.extra.campaign}`,
    },
    'POST /api/v1/compliance/campaigns/:id/close': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/campaigns/${ids.extra.campaign}/close`,
    },
    'POST /api/v1/compliance/campaigns/:id/remind': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/campaigns/${ids.extra.campaign}/remind`,
    },
    'POST /api/v1/attestations/lookup': {
      kind: 'public',
      why: 'needs the 256-bit token emailed to the person; only its SHA-256 is stored',
    },
    'POST /api/v1/attestations/acknowledge': {
      kind: 'public',
      why: 'needs the 256-bit token emailed to the person; only its SHA-256 is stored',
    },
    'GET /api/v1/me/attestations': {
      kind: 'list',
      url: '/api/v1/me/attestations',
      hidden: (ids) => ids.extra.attestation as string,
    },
    'POST /api/v1/me/attestations/:id/acknowledge': {
      kind: 'resource',
      url: (ids) => `/api/v1/me/attestations/${ids.extra.attestation}/acknowledge`,
    },
    'GET /api/v1/compliance/vendors': {
      kind: 'list',
      url: '/api/v1/compliance/vendors',
      hidden: (ids) => ids.extra.vendor as string,
    },
    'POST /api/v1/compliance/vendors': {
      kind: 'create',
      url: '/api/v1/compliance/vendors',
      payload: (ids) => ({
        name: 'Borrowed',
        category: 'email',
        practiceIds: [ids.practice],
        ephiAccess: 'none',
        baaStatus: 'not_required',
      }),
    },
    'GET /api/v1/compliance/vendors/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/vendors/${ids.extra.vendor}`,
    },
    'PATCH /api/v1/compliance/vendors/:id': {
      kind: 'resource',
      url: (ids) => `/api/v1/compliance/vendors/${ids.extra.vendor}`,
      payload: { name: 'Taken' },
    },
  },
};
