import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Headers, RouteTablePart } from './types.ts';

/** A multipart/form-data body as a browser sends it: fields, then one file. */
export function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string; field?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----EnamelTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

export async function uploadEvidence(
  app: FastifyInstance,
  headers: Headers,
  fields: Record<string, string>,
  file = { name: 'mfa-policy.pdf', bytes: samplePdf, type: 'application/pdf' },
) {
  const body = multipartBody(fields, file);
  return app.inject({
    method: 'POST',
    url: '/api/v1/compliance/evidence',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

const evidenceUrl = (ids: { extra: Record<string, string> }, suffix = '') =>
  `/api/v1/compliance/evidence/${ids.extra.evidence}${suffix}`;

export const part: RouteTablePart = {
  async setup({ app, admin, ids }) {
    const uploaded = await uploadEvidence(app, admin, {
      controlId: 'mfa-email',
      title: 'Victim MFA export',
      effectiveDate: '2026-10-01',
      practiceId: ids.practice,
    });
    if (uploaded.statusCode !== 201) throw new Error(`setup evidence: ${uploaded.body}`);
    const reading = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/signals/readings',
      headers: admin,
      payload: {
        signal: 'mfa-coverage',
        practiceId: ids.practice,
        value: 42.5,
        observedAt: '2026-11-01T00:00:00Z',
      },
    });
    if (reading.statusCode !== 201) throw new Error(`setup reading: ${reading.body}`);
    const settings = await app.inject({
      method: 'PUT',
      url: '/api/v1/compliance/controls/vendor-review/settings',
      headers: admin,
      payload: { notApplicableReason: 'Victim has no vendors' },
    });
    if (settings.statusCode !== 200) throw new Error(`setup settings: ${settings.body}`);
    return { evidence: uploaded.json().id };
  },
  entries: {
    'GET /api/v1/compliance/controls': {
      kind: 'list',
      url: '/api/v1/compliance/controls',
      hidden: () => 'Victim has no vendors',
    },
    'GET /api/v1/compliance/controls/:id': {
      kind: 'custom',
      why: "the catalogue is shared, but the victim's evidence, readings and settings never show",
      async check({ app, as, ids }) {
        for (const control of ['mfa-email', 'vendor-review']) {
          const response = await app.inject({ url: `/api/v1/compliance/controls/${control}`, headers: as });
          expect(response.statusCode).toBe(200);
          expect(response.body).not.toContain(ids.extra.evidence);
          expect(response.body).not.toContain('Victim');
          expect(response.body).not.toContain('42.5');
        }
      },
    },
    'PUT /api/v1/compliance/controls/:id/settings': {
      kind: 'custom',
      why: "settings are per DSO: the attacker's change lands in its own DSO, and naming the victim's user is refused",
      async check({ app, as, ids }) {
        const response = await app.inject({
          method: 'PUT',
          url: '/api/v1/compliance/controls/mfa-email/settings',
          headers: as,
          payload: { ownerUserId: ids.user },
        });
        expect(response.statusCode).toBe(400);
        expect(response.body).toContain('not found');
      },
    },
    'POST /api/v1/compliance/evidence': {
      kind: 'custom',
      why: "uploading evidence for the victim's practice is refused as not found, as a file or as JSON",
      async check({ app, as, ids }) {
        const upload = await uploadEvidence(app, as, {
          controlId: 'mfa-email',
          title: 'Attack',
          effectiveDate: '2026-10-01',
          practiceId: ids.practice,
        });
        expect(upload.statusCode).toBe(400);
        expect(upload.body).toContain('not found');
        const link = await app.inject({
          method: 'POST',
          url: '/api/v1/compliance/evidence',
          headers: as,
          payload: {
            kind: 'link',
            controlId: 'mfa-email',
            title: 'Attack',
            effectiveDate: '2026-10-01',
            url: 'https://example.com',
            practiceId: ids.practice,
          },
        });
        expect(link.statusCode).toBe(400);
        expect(link.body).toContain('not found');
      },
    },
    'GET /api/v1/compliance/evidence': {
      kind: 'list',
      url: '/api/v1/compliance/evidence?controlId=mfa-email',
      hidden: (ids) => ids.extra.evidence as string,
    },
    'GET /api/v1/compliance/evidence/:id': { kind: 'resource', url: (ids) => evidenceUrl(ids) },
    'GET /api/v1/compliance/evidence/:id/download': {
      kind: 'custom',
      why: "downloading the victim's file is refused as not found and never sends its bytes",
      async check({ app, as, ids }) {
        const response = await app.inject({ url: evidenceUrl(ids, '/download'), headers: as });
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('NOT_FOUND');
        expect(response.body).not.toContain('%PDF');
      },
    },
    'PATCH /api/v1/compliance/evidence/:id': {
      kind: 'resource',
      url: (ids) => evidenceUrl(ids),
      payload: { title: 'Changed' },
    },
    'POST /api/v1/compliance/evidence/:id/withdraw': {
      kind: 'resource',
      url: (ids) => evidenceUrl(ids, '/withdraw'),
      payload: { status: 'rejected', reason: 'attack' },
    },
    'GET /api/v1/compliance/signals': {
      kind: 'list',
      url: '/api/v1/compliance/signals',
      hidden: (ids) => ids.practice,
    },
    'POST /api/v1/compliance/signals/readings': {
      kind: 'create',
      url: '/api/v1/compliance/signals/readings',
      payload: (ids) => ({
        signal: 'mfa-coverage',
        practiceId: ids.practice,
        value: 50,
        observedAt: '2026-11-01T00:00:00Z',
      }),
    },
    'POST /api/v1/compliance/signals/import': {
      kind: 'custom',
      why: "a CSV naming the victim's practice by id is refused line by line, and nothing is written",
      async check({ app, as, ids }) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/compliance/signals/import',
          headers: { ...as, 'content-type': 'text/csv' },
          payload: `signal,practice,value,observedAt\nmfa-coverage,${ids.practice},10,2026-11-01T00:00:00Z\n`,
        });
        expect(response.statusCode).toBe(422);
        expect(response.json().error.issues[0]).toMatchObject({
          line: 2,
          column: 'practice',
          code: 'not_found',
        });
      },
    },
  },
};
