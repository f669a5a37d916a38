// Secrets at rest (docs/encryption.md): what other modules use to store a secret and what `enamel keys` runs.
export { KeyMaterial } from './key-material.ts';
export { KeyRing } from './key-ring.ts';
export { type DataKeyView, type KeyStatusView, keyStatus } from './key-status.ts';
export { lazySecretBox } from './lazy-secret-box.ts';
export { loadMasterKey, type MasterKey, type MasterKeySource, masterKeyFile } from './master-key.ts';
export {
  type EncryptedColumn,
  type EncryptedColumnInput,
  encryptedColumns,
  registerEncryptedColumn,
  unregisterEncryptedColumn,
} from './registry.ts';
export {
  type DataKeyRotation,
  type MasterKeyRotation,
  rotateDataKey,
  rotateMasterKey,
} from './rotation.ts';
export { createSecretBox, isEncrypted, openSecretBox, type SecretBox } from './secret-box.ts';
