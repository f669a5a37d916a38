import { z } from 'zod';
import { text } from '../../platform/http/schemas.ts';

const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*={0,2}$/, 'must be base64url');

/** What `startRegistration()` answers in the browser (WebAuthn RegistrationResponseJSON). */
export const registrationResponse = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(40)).max(10).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().max(40).optional(),
});

/** What `startAuthentication()` answers in the browser (WebAuthn AuthenticationResponseJSON). */
export const authenticationResponse = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().max(40).optional(),
});

export const registerVerifyInput = z.strictObject({
  name: text(100).optional(),
  response: registrationResponse,
});
export const authenticateVerifyInput = z.strictObject({ response: authenticationResponse });

/** WebAuthn options for the browser, passed as they are to `startRegistration` / `startAuthentication`. */
export const webauthnOptionsView = z.looseObject({ challenge: z.string() });

export const passkeyView = z.object({
  id: z.string(),
  name: z.string(),
  transports: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type PasskeyView = z.infer<typeof passkeyView>;
