import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../harness/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-admin-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('enamel admin create', () => {
  it('creates the DSO and administrator with a password from stdin, once', async () => {
    const env = { ENAMEL_DATA_DIR: path.join(tmp, 'a') };
    const created = await cli(
      [
        'admin',
        'create',
        '--dso',
        'Bright Dental',
        '--email',
        'Ada@Bright.example',
        '--password-stdin',
        '--json',
      ],
      env,
      'a long enough passphrase 31\n',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'ada@bright.example', setupLink: null });
    expect(created.stdout + created.stderr).not.toContain('passphrase');

    const again = await cli(['admin', 'create', '--dso', 'Other', '--email', 'eve@other.example'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('SETUP_DONE');
    const another = await cli(
      ['admin', 'create', '--dso', 'Other', '--email', 'eve@other.example', '--another-dso'],
      env,
    );
    expect(another.code).toBe(0);
  });

  it('prints a one-time setup link when no password is given', async () => {
    const env = { ENAMEL_DATA_DIR: path.join(tmp, 'b'), ENAMEL_PUBLIC_URL: 'https://enamel.bright.example' };
    const created = await cli(
      ['admin', 'create', '--dso', 'Bright Dental', '--email', 'ada@bright.example'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/https:\/\/enamel\.bright\.example\/setup-link#[A-Za-z0-9_-]{43}\n/);
  });

  it('refuses a weak password and a bad email, naming them', async () => {
    const env = { ENAMEL_DATA_DIR: path.join(tmp, 'c') };
    const weak = await cli(
      ['admin', 'create', '--dso', 'D', '--email', 'ada@d.example', '--password-stdin'],
      env,
      'password123\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('PASSWORD_REJECTED');
    const bad = await cli(['admin', 'create', '--dso', 'D', '--email', 'not-an-email'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--email');
    expect((await cli(['admin', 'create', '--email', 'ada@d.example'], env)).code).toBe(2);
  });

  it('adds an administrator to an existing DSO, such as a demo DSO', async () => {
    const env = { ENAMEL_DATA_DIR: path.join(tmp, 'd') };
    const demo = await cli(['demo', '--practices', '1', '--seed', '4', '--json'], env);
    const dsoId: string = JSON.parse(demo.stdout).dso.id;
    const added = await cli(
      ['admin', 'create', '--dso-id', dsoId, '--email', 'ops@demo.example', '--json'],
      env,
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ dsoId, email: 'ops@demo.example' });
    const unknown = await cli(
      ['admin', 'create', '--dso-id', '01900000-0000-7000-8000-000000000009', '--email', 'x@demo.example'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND');
    const both = await cli(
      ['admin', 'create', '--dso', 'X', '--dso-id', dsoId, '--email', 'y@demo.example'],
      env,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--dso-id');
  });
});
