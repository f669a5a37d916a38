import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Headers, RouteTablePart } from './types.ts';

async function create(app: FastifyInstance, headers: Headers, url: string, payload: object): Promise<string> {
  const response = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
  if (response.statusCode !== 201) throw new Error(`setup POST ${url}: ${response.body}`);
  return response.json().id;
}

const template = {
  name: 'Victim lure',
  category: 'vendor',
  difficulty: 2,
  senderName: 'Victim Supplies',
  senderAddress: 'billing@victim-supplies.example',
  subject: 'Victim invoice',
  html: '<p>Victim invoice <a href="{{link}}">here</a></p>',
};
const page = { name: 'Victim page', kind: 'teachable', html: '<p>Victim page {{red_flags}}</p>' };

const templateUrl = (ids: { extra: Record<string, string> }) =>
  `/api/v1/phishing/templates/${ids.extra.phishingTemplate}`;
const pageUrl = (ids: { extra: Record<string, string> }) =>
  `/api/v1/phishing/landing-pages/${ids.extra.landingPage}`;

export const part: RouteTablePart = {
  async setup({ app, admin }) {
    return {
      phishingTemplate: await create(app, admin, '/phishing/templates', template),
      landingPage: await create(app, admin, '/phishing/landing-pages', page),
    };
  },
  entries: {
    'GET /api/v1/phishing/templates': {
      kind: 'list',
      url: '/api/v1/phishing/templates',
      hidden: (ids) => ids.extra.phishingTemplate as string,
    },
    'POST /api/v1/phishing/templates': {
      kind: 'createsOwn',
      url: '/api/v1/phishing/templates',
      payload: template,
      list: '/api/v1/phishing/templates',
    },
    'GET /api/v1/phishing/templates/:id': { kind: 'resource', url: templateUrl },
    'PATCH /api/v1/phishing/templates/:id': {
      kind: 'resource',
      url: templateUrl,
      payload: { difficulty: 5 },
    },
    'DELETE /api/v1/phishing/templates/:id': { kind: 'resource', url: templateUrl },
    'POST /api/v1/phishing/templates/import-eml': {
      kind: 'custom',
      why: "an imported message becomes a template of the importer's own DSO, never the victim's",
      async check({ app, as }) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/phishing/templates/import-eml',
          headers: { ...as, 'content-type': 'message/rfc822' },
          payload: 'From: a@attacker.example\r\nSubject: Attack draft\r\n\r\nHello\r\n',
        });
        expect(response.statusCode).toBe(201);
        const id = response.json().id as string;
        const mine = await app.inject({ url: `/api/v1/phishing/templates/${id}`, headers: as });
        expect(mine.statusCode).toBe(200);
      },
    },
    'POST /api/v1/phishing/templates/import-gophish': {
      kind: 'custom',
      why: "groups match only the importer's own people; the victim's person never appears",
      async check({ app, as, ids }) {
        // victim@victim.example is the victim DSO's person (route-access.test.ts).
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/phishing/templates/import-gophish',
          headers: as,
          payload: { groups: [{ name: 'Probe', targets: [{ email: 'victim@victim.example' }] }] },
        });
        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain(ids.person);
        expect(response.json().groups[0]).toMatchObject({
          matched: [],
          unmatched: [expect.objectContaining({ email: 'victim@victim.example' })],
        });
      },
    },
    'GET /api/v1/phishing/landing-pages': {
      kind: 'list',
      url: '/api/v1/phishing/landing-pages',
      hidden: (ids) => ids.extra.landingPage as string,
    },
    'POST /api/v1/phishing/landing-pages': {
      kind: 'createsOwn',
      url: '/api/v1/phishing/landing-pages',
      payload: page,
      list: '/api/v1/phishing/landing-pages',
    },
    'GET /api/v1/phishing/landing-pages/:id': { kind: 'resource', url: pageUrl },
    'PATCH /api/v1/phishing/landing-pages/:id': {
      kind: 'resource',
      url: pageUrl,
      payload: { name: 'Changed' },
    },
    'DELETE /api/v1/phishing/landing-pages/:id': { kind: 'resource', url: pageUrl },
  },
};
