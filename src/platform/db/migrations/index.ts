import type { Migration } from 'kysely';
import * as organisation from './0001-organisation.ts';
import * as identity from './0002-identity.ts';
import * as audit from './0003-audit.ts';
import * as encryptionKeys from './0004-encryption-keys.ts';
import * as peopleSearch from './0005-people-search.ts';
import * as sso from './0006-sso.ts';
import * as passkeys from './0007-passkeys.ts';
import * as compliance from './0008-compliance.ts';
import * as phishing from './0009-phishing.ts';

/** Every migration, in order. Names sort; a new one is appended, never edited once released. */
export const migrations: Record<string, Migration> = {
  '0001-organisation': organisation,
  '0003-audit': audit,
  '0002-identity': identity,
  '0004-encryption-keys': encryptionKeys,
  '0005-people-search': peopleSearch,
  '0006-sso': sso,
  '0007-passkeys': passkeys,
  '0008-compliance': compliance,
  '0009-phishing': phishing,
};
