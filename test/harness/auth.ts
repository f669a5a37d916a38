import type { Role } from '../../src/modules/identity/identity.roles.ts';
import { createIdentity, sessionCookie } from '../../src/modules/identity/identity.service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openSecretBox } from '../../src/platform/crypto/index.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { csrfHeader } from '../../src/platform/http/access.ts';
import { newId } from '../../src/platform/ids.ts';
import { testDeps } from '../factories/org.ts';
import { testMasterKey } from './app.ts';

export type AuthHeaders = Record<string, string>;

const cache = new Map<string, Promise<AuthHeaders>>();

/**
 * Headers of a signed-in user of the given role in the DSO (MFA passed), created once per database, DSO,
 * role and practices. Requests made with them pass the real access hook: session cookie and CSRF token.
 */
export function authAs(
  handle: DatabaseHandle,
  dsoId: string,
  role: Role = 'dso_admin',
  practiceIds: readonly string[] = [],
  now = '2026-11-02T15:00:00.000Z',
): Promise<AuthHeaders> {
  const key = `${handle.dialect}:${handle.file ?? ''}:${dsoId}:${role}:${practiceIds.join(',')}:${now}`;
  let found = cache.get(key);
  if (!found) {
    found = createSignedInUser(handle, dsoId, role, practiceIds, now);
    cache.set(key, found);
  }
  return found;
}

async function createSignedInUser(
  handle: DatabaseHandle,
  dsoId: string,
  role: Role,
  practiceIds: readonly string[],
  now: string,
): Promise<AuthHeaders> {
  const deps = testDeps(handle, now);
  const id = newId();
  const user = {
    id,
    dsoId,
    personId: null,
    email: `${role}.${id}@users.example`,
    displayName: `Test ${role}`,
    role,
    status: 'active',
    passwordHash: null,
    passwordChangedAt: null,
    mfaSecret: null,
    mfaEnabledAt: now,
    mfaLastStep: null,
    recoveryCodes: '[]',
    expiresAt: role === 'auditor' ? '2099-01-01T00:00:00.000Z' : null,
    lastSignInAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await handle.db.insertInto('users').values(user).execute();
  if (practiceIds.length > 0) {
    await handle.db
      .insertInto('userPractices')
      .values(practiceIds.map((practiceId) => ({ dsoId, userId: id, practiceId })))
      .execute();
  }
  const secrets = await openSecretBox({
    db: handle.db,
    config: loadConfig({ ENAMEL_MASTER_KEY: testMasterKey }),
  });
  const identity = createIdentity(
    deps,
    { idleMinutes: 15, maxHours: 12, publicUrl: 'http://127.0.0.1' },
    secrets,
  );
  const { token, session } = await identity.openSession(user, 'test', true, null);
  return { cookie: `${sessionCookie}=${token}`, [csrfHeader]: session.csrfToken };
}
