import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { KeyMaterial, loadMasterKey } from '../../src/platform/crypto/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { cli } from '../harness/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-keys-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('master key', () => {
  it('creates the key file at first use with mode 0600, then reuses it', () => {
    const dataDir = path.join(tmp, 'first');
    const first = loadMasterKey({ masterKey: undefined, dataDir });
    const file = path.join(dataDir, 'master.key');
    expect(first?.source).toEqual({ kind: 'file', file, created: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual(['master.key']);
    const again = loadMasterKey({ masterKey: undefined, dataDir });
    expect(again?.source).toEqual({ kind: 'file', file, created: false });
    expect(again?.key.fingerprint()).toBe(first?.key.fingerprint());
    expect(loadMasterKey({ masterKey: undefined, dataDir: path.join(tmp, 'none') }, false)).toBeUndefined();
  });

  it('prefers ENAMEL_MASTER_KEY and does not create a file then', () => {
    const dataDir = path.join(tmp, 'env');
    const key = KeyMaterial.generate();
    const config = loadConfig({ ENAMEL_DATA_DIR: dataDir, ENAMEL_MASTER_KEY: key.revealBase64() });
    const loaded = loadMasterKey(config);
    expect(loaded?.source.kind).toBe('environment');
    expect(loaded?.key.fingerprint()).toBe(key.fingerprint());
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses a key file that group or others can read', () => {
    const dataDir = path.join(tmp, 'loose');
    loadMasterKey({ masterKey: undefined, dataDir });
    const file = path.join(dataDir, 'master.key');
    fs.chmodSync(file, 0o644);
    const error = thrown(() => loadMasterKey({ masterKey: undefined, dataDir }));
    expect(error.code).toBe('MASTER_KEY_INVALID');
    expect(error.message).toContain('mode 0644');
    expect(error.message).toContain(`chmod 600 ${file}`);
  });

  it.each([
    ['empty', ''],
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['raw bytes', Buffer.alloc(32, 7).toString('latin1')],
  ])('refuses a key file of the wrong length or form (%s), without quoting it', (_name, content) => {
    const dataDir = path.join(tmp, `bad-${_name.replace(/\W/g, '')}`);
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'master.key'), content, { mode: 0o600 });
    const error = thrown(() => loadMasterKey({ masterKey: undefined, dataDir }));
    expect(error.code).toBe('MASTER_KEY_INVALID');
    expect(error.message).toContain('32 bytes');
    if (content) expect(error.message).not.toContain(content);
  });

  it('a bad ENAMEL_MASTER_KEY is CONFIG_INVALID naming the variable, never quoting the value', async () => {
    const bad = Buffer.alloc(31, 9).toString('base64');
    const error = thrown(() => loadConfig({ ENAMEL_MASTER_KEY: bad }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues[0]?.path).toEqual(['ENAMEL_MASTER_KEY']);
    expect(error.message).toContain('ENAMEL_MASTER_KEY must be the base64 of 32 random bytes');
    expect(error.message).not.toContain(bad);
    const result = await cli(['keys', 'status'], {
      ENAMEL_DATA_DIR: path.join(tmp, 'cli'),
      ENAMEL_MASTER_KEY: bad,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CONFIG_INVALID');
    expect(result.stderr).toContain('ENAMEL_MASTER_KEY');
    expect(result.stderr + result.stdout).not.toContain(bad);
  });

  it('config check hides the master key', async () => {
    const key = KeyMaterial.generate().revealBase64();
    const env = { ENAMEL_DATA_DIR: path.join(tmp, 'check'), ENAMEL_MASTER_KEY: key };
    const text = await cli(['config', 'check'], env);
    const json = await cli(['config', 'check', '--json'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('masterKey = [hidden]');
    expect(JSON.parse(json.stdout).config.masterKey).toBe('[hidden]');
    expect(text.stdout + json.stdout + text.stderr + json.stderr).not.toContain(key);
  });
});
