import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../harness/cli.ts';
import { startSmtpPeer } from '../mail/smtp-peer.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-anchor-mail-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('enamel audit anchor --email', () => {
  it('emails the chain heads, which verify --anchor then accepts', async () => {
    const peer = await startSmtpPeer();
    const env = {
      ENAMEL_DATA_DIR: tmp,
      ENAMEL_SMTP_URL: peer.url,
      ENAMEL_MAIL_FROM: 'enamel@bright.example',
    };
    try {
      expect((await cli(['demo', '--practices', '1', '--seed', '2'], env)).code).toBe(0);
      expect(
        (
          await cli(
            ['admin', 'create', '--dso', 'Anchor Dental', '--email', 'a@anchor.example', '--another-dso'],
            env,
          )
        ).code,
      ).toBe(0);
      const sent = await cli(['audit', 'anchor', '--email', 'offsite@bright.example', '--json'], env);
      expect(sent.code).toBe(0);
      expect(JSON.parse(sent.stdout).emailed).toBe('offsite@bright.example');
      const mail = await peer.message(0);
      expect(mail.to).toContain('offsite@bright.example');
      expect(mail.subject).toMatch(/^Enamel audit anchor /);
      const json = mail.text.slice(mail.text.indexOf('{'));
      const file = path.join(tmp, 'anchor.json');
      fs.writeFileSync(file, json);
      expect((await cli(['audit', 'verify', '--anchor', file], env)).code).toBe(0);
      expect((await cli(['audit', 'anchor', '--email', 'not-an-address'], env)).code).toBe(1);
    } finally {
      await peer.close();
    }
  });
});
