import type { RouteTablePart } from './types.ts';

const profileUrl = (ids: { extra: Record<string, string> }, suffix = '') =>
  `/api/v1/phishing/sending-profiles/${ids.extra.sendingProfile}${suffix}`;

export const part: RouteTablePart = {
  async setup({ app, admin }) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/sending-profiles',
      headers: admin,
      payload: { name: 'Victim relay', smtpUrl: 'smtps://victim:secret@mail.victim.example' },
    });
    if (created.statusCode !== 201) throw new Error(`setup sending profile: ${created.body}`);
    return { sendingProfile: created.json().id };
  },
  entries: {
    'GET /api/v1/phishing/sending-profiles': {
      kind: 'list',
      url: '/api/v1/phishing/sending-profiles',
      hidden: (ids) => ids.extra.sendingProfile ?? 'missing',
    },
    'POST /api/v1/phishing/sending-profiles': {
      kind: 'createsOwn',
      url: '/api/v1/phishing/sending-profiles',
      payload: { name: 'Attacker relay', smtpUrl: 'smtp://mail.attacker.example' },
      list: '/api/v1/phishing/sending-profiles',
    },
    'GET /api/v1/phishing/sending-profiles/:id': { kind: 'resource', url: (ids) => profileUrl(ids) },
    'PATCH /api/v1/phishing/sending-profiles/:id': {
      kind: 'resource',
      url: (ids) => profileUrl(ids),
      payload: { name: 'Taken' },
    },
    'DELETE /api/v1/phishing/sending-profiles/:id': { kind: 'resource', url: (ids) => profileUrl(ids) },
    'POST /api/v1/phishing/sending-profiles/:id/test': {
      kind: 'resource',
      url: (ids) => profileUrl(ids, '/test'),
      payload: { to: 'attacker@attacker.example', from: 'attacker@attacker.example' },
    },
  },
};
