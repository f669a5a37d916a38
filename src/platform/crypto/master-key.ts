import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { KeyMaterial } from './key-material.ts';

export const masterKeyFileName = 'master.key';

export type MasterKeySource =
  | { readonly kind: 'environment' }
  | { readonly kind: 'file'; readonly file: string; readonly created: boolean };

/** The key-encryption key and where it came from (never printed: KeyMaterial hides itself). */
export interface MasterKey {
  readonly key: KeyMaterial;
  readonly source: MasterKeySource;
}

export interface MasterKeySettings {
  readonly masterKey: KeyMaterial | undefined;
  readonly dataDir: string;
}

export function masterKeyFile(dataDir: string): string {
  return path.join(dataDir, masterKeyFileName);
}

/**
 * The master key: ENAMEL_MASTER_KEY when set, else `$ENAMEL_DATA_DIR/master.key`, created with mode 0600 at
 * first use (unless `create` is false, when a missing file answers undefined).
 */
export function loadMasterKey(settings: MasterKeySettings, create?: true): MasterKey;
export function loadMasterKey(settings: MasterKeySettings, create: boolean): MasterKey | undefined;
export function loadMasterKey(settings: MasterKeySettings, create = true): MasterKey | undefined {
  if (settings.masterKey) return { key: settings.masterKey, source: { kind: 'environment' } };
  const file = masterKeyFile(settings.dataDir);
  if (fs.existsSync(file)) return { key: readKeyFile(file), source: { kind: 'file', file, created: false } };
  if (!create) return undefined;
  const key = KeyMaterial.generate();
  if (!createKeyFile(file, key)) {
    // Another process created it between our check and our link: use theirs.
    return { key: readKeyFile(file), source: { kind: 'file', file, created: false } };
  }
  return { key, source: { kind: 'file', file, created: true } };
}

/** Reads a key file, refusing one that other accounts can read or that does not hold a 32-byte key. */
export function readKeyFile(file: string): KeyMaterial {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new AppError('MASTER_KEY_INVALID', `Master key file "${file}" is not a file.`);
  // POSIX permission bits only; Windows has no group/other bits to check.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new AppError(
      'MASTER_KEY_INVALID',
      `Master key file "${file}" can be read or written by other accounts (mode ${mode}); ` +
        `run "chmod 600 ${file}" and start again.`,
    );
  }
  const key = KeyMaterial.fromBase64(fs.readFileSync(file, 'utf8'));
  if (!key) {
    throw new AppError(
      'MASTER_KEY_INVALID',
      `Master key file "${file}" does not hold a master key: expected the base64 of 32 bytes (44 characters). ` +
        'Restore it from your key backup; a new key would not open the existing data keys.',
    );
  }
  return key;
}

/** Writes the key to a private temporary file (mode 0600) and fsyncs it; answers its path. */
export function writePrivateFile(file: string, key: KeyMaterial): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${key.revealBase64()}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // The umask may only have narrowed the mode, but make it exact.
  fs.chmodSync(temp, 0o600);
  return temp;
}

/** Creates `file` holding the key, atomically and only if absent; false when another process won the race. */
export function createKeyFile(file: string, key: KeyMaterial): boolean {
  const temp = writePrivateFile(file, key);
  try {
    fs.linkSync(temp, file);
    syncDirectory(path.dirname(file));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Makes a rename durable; best effort, since some platforms cannot open a directory. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported here (e.g. Windows); the rename itself is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
