import { describe, expect, it } from 'vitest';
import '../../src/cli.ts';
import { encryptedColumns } from '../../src/platform/crypto/index.ts';

describe('the encrypted columns the CLI knows', () => {
  it('include every secret column, so `enamel keys rotate` re-encrypts them all', () => {
    const known = encryptedColumns().map((column) => `${column.table}.${column.column}`);
    expect(known).toEqual(
      expect.arrayContaining([
        'users.mfaSecret',
        'ssoProviders.clientSecret',
        'sendingProfiles.smtpUrl',
        'sendingProfiles.dkimPrivateKey',
        'reportMailboxes.password',
        'webhooks.secret',
      ]),
    );
  });
});
