import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { captureStream, createTestApp, testMasterKey } from '../harness/app.ts';
import { openTestDatabase } from '../harness/db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-tls-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function get(url: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      })
      .on('error', reject);
  });
}

describe('TLS and proxies', () => {
  it('serves HTTPS with HSTS when given a certificate and key', async () => {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const db = await openTestDatabase('sqlite');
    const config = loadConfig({
      ENAMEL_TLS_CERT: cert,
      ENAMEL_TLS_KEY: key,
      ENAMEL_RATE_LIMIT: '0',
      ENAMEL_MASTER_KEY: testMasterKey,
    });
    const app = await buildApp({
      config,
      database: db.handle,
      logger: createLogger('warn', captureStream()),
      webDir: null,
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await get(`${address}/healthz`);
    expect(address.startsWith('https://')).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await app.close();
    await db.drop();
  });

  it('needs both TLS files, naming the missing one', () => {
    expect(() => loadConfig({ ENAMEL_TLS_CERT: '/x/cert.pem' })).toThrow(/ENAMEL_TLS_KEY must be set too/);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy, for HSTS and Secure cookies', async () => {
    const db = await openTestDatabase('sqlite');
    const trusted = await createTestApp(db.handle, { ENAMEL_TRUST_PROXY: '127.0.0.1' });
    const viaProxy = await trusted.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaProxy.headers['strict-transport-security']).toBeDefined();
    const untrusted = await createTestApp(db.handle);
    const spoofed = await untrusted.app.inject({
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    await db.drop();
  });
});
