import { isEncrypted, type SecretBox } from './secret-box.ts';

/** Opens the key ring on first use, so the server starts (and reports readiness) before any secret is needed. */
export function lazySecretBox(open: () => Promise<SecretBox>): SecretBox {
  let box: Promise<SecretBox> | undefined;
  const get = () => {
    box ??= open().catch((error: unknown) => {
      box = undefined;
      throw error;
    });
    return box;
  };
  return {
    encrypt: async (plaintext, aad) => (await get()).encrypt(plaintext, aad),
    decrypt: async (value, aad) => (await get()).decrypt(value, aad),
    isEncrypted,
  };
}
