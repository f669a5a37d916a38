import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { AppError } from '../../src/platform/errors.ts';
import { createMailer, createSmtpMailer, SmtpUrl } from '../../src/platform/mail/index.ts';
import { type SmtpPeer, startSmtpPeer } from './smtp-peer.ts';

describe('SmtpUrl', () => {
  it.each([
    ['smtp://mail.internal', 'mail.internal', 587, false],
    ['smtp://mail.internal:25', 'mail.internal', 25, false],
    ['smtps://u:p@smtp.example.com', 'smtp.example.com', 465, true],
    ['smtps://[::1]:2465', '::1', 2465, true],
  ])('reads %s', (text, host, port, tls) => {
    const url = SmtpUrl.parse(text) as SmtpUrl;
    expect([url.host, url.port, url.isImplicitTls]).toEqual([host, port, tls]);
  });

  it.each(['http://mail.internal', 'smtp://', 'mail.internal:25', 'smtp://host/path', ''])(
    'refuses %j',
    (text) => {
      expect(SmtpUrl.parse(text)).toBeUndefined();
    },
  );

  it('decodes credentials and never prints them', () => {
    const url = SmtpUrl.parse('smtps://alerts%40smile.example:s3cr%2Ft@smtp.example.com:465') as SmtpUrl;
    expect(url.credentials()).toEqual({ user: 'alerts@smile.example', pass: 's3cr/t' });
    for (const shown of [String(url), JSON.stringify({ url }), inspect(url)]) {
      expect(shown).toContain('smtps://***@smtp.example.com:465');
      expect(shown).not.toContain('s3cr');
      expect(shown).not.toContain('alerts');
    }
  });
});

describe('mail configuration', () => {
  it('reads ENAMEL_SMTP_URL and ENAMEL_MAIL_FROM', () => {
    const config = loadConfig({
      ENAMEL_SMTP_URL: 'smtps://u:hunter2@smtp.example.com',
      ENAMEL_MAIL_FROM: 'security@smile.example',
    });
    expect(String(config.smtpUrl)).toBe('smtps://***@smtp.example.com');
    expect(config.mailFrom).toBe('security@smile.example');
    expect(JSON.stringify(config)).not.toContain('hunter2');
  });

  it('names bad values without echoing the SMTP URL, and wants a sender with a server', () => {
    const bad = (() => {
      try {
        loadConfig({ ENAMEL_SMTP_URL: 'http://u:hunter2@smtp.example.com', ENAMEL_MAIL_FROM: 'nobody' });
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected CONFIG_INVALID');
    })();
    expect(bad.issues.map((issue) => issue.path?.[0])).toEqual(['ENAMEL_SMTP_URL', 'ENAMEL_MAIL_FROM']);
    expect(bad.message).not.toContain('hunter2');
    expect(bad.message).toContain('got "nobody"');
    expect(() => loadConfig({ ENAMEL_SMTP_URL: 'smtp://mail.internal' })).toThrow(/ENAMEL_MAIL_FROM must be/);
  });

  it('refuses to send when no server is configured', async () => {
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: undefined });
    expect(mailer.isConfigured).toBe(false);
    await expect(mailer.send({ to: 'a@b.example', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'MAIL_NOT_CONFIGURED',
    });
  });
});

describe('SMTP mailer against a real SMTP server', () => {
  let peer: SmtpPeer;

  beforeAll(async () => {
    peer = await startSmtpPeer({ user: 'enamel', pass: 'mail password 1' });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('authenticates, sends plain text from "Enamel <from>", and reuses its pooled connections', async () => {
    const mailer = createSmtpMailer({
      url: SmtpUrl.parse(peer.url) as SmtpUrl,
      from: 'security@smile.example',
    });
    await mailer.send({ to: 'pat@smile.example', subject: 'Hello', text: 'First line\nSecond line' });
    await mailer.send({ to: 'sam@smile.example', subject: 'Again', text: 'Two', html: '<p>Two</p>' });
    await mailer.close();
    expect(peer.messages).toHaveLength(2);
    expect(peer.connections()).toBe(1);
    expect(peer.messages[0]).toMatchObject({
      envelopeTo: ['pat@smile.example'],
      from: 'security@smile.example',
      subject: 'Hello',
    });
    expect(peer.messages[0]?.raw).toContain('From: Enamel <security@smile.example>');
    expect(peer.messages[0]?.text.trim()).toBe('First line\nSecond line');
  });

  it('reports a refused login as MAIL_SEND_FAILED without the recipient', async () => {
    const url = peer.url.replace('mail%20password%201', 'wrong');
    const mailer = createSmtpMailer({ url: SmtpUrl.parse(url) as SmtpUrl, from: 'security@smile.example' });
    const error = await mailer.send({ to: 'pat@smile.example', subject: 'x', text: 'x' }).catch((e) => e);
    await mailer.close();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'MAIL_SEND_FAILED' });
    expect((error as AppError).message).toContain('EAUTH');
    expect((error as AppError).message).not.toContain('pat@');
  });
});
