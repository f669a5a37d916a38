import { z } from 'zod';
import { idSchema, text } from '../../platform/http/schemas.ts';
import { roles, tokenScopes } from './identity.roles.ts';

export const emailInput = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((value) => value.toLowerCase());

/** Length only: the policy (length, common list, context) is checked by the service with a clear message. */
export const passwordInput = z.string().min(1, 'is required').max(1024);

export const setupInput = z.strictObject({
  dsoName: text(200),
  displayName: text(200),
  email: emailInput,
  password: passwordInput,
});
export type SetupInput = z.infer<typeof setupInput>;

export const signInInput = z.strictObject({ email: z.string().trim().max(254), password: passwordInput });
export const mfaCodeInput = z.strictObject({ code: z.string().trim().min(6).max(32) });
export const changePasswordInput = z.strictObject({
  currentPassword: passwordInput,
  newPassword: passwordInput,
});
export const acceptLinkInput = z.strictObject({
  token: z.string().trim().min(20).max(200),
  password: passwordInput,
});

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  status: z.enum(['active', 'disabled']),
  practiceIds: z.array(z.string()),
  mfaEnabled: z.boolean(),
  expiresAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const meView = z.object({
  user: userView,
  dso: z.object({ id: z.string(), name: z.string() }),
  csrfToken: z.string(),
  session: z.object({ mfaPassed: z.boolean(), mfaRequired: z.boolean(), expiresAt: z.string() }),
  /** What the caller's role may do, from the one permission matrix: the web app hides the rest. */
  permissions: z.array(z.string()),
  /** Roles the caller may give to others. */
  assignableRoles: z.array(z.enum(roles)),
});

export const signInResult = z.object({
  user: userView,
  csrfToken: z.string(),
  mfa: z.enum(['passed', 'challenge', 'enrol', 'not_required']),
});

export const sessionView = z.object({
  id: z.string(),
  method: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});

export const createUserInput = z.strictObject({
  email: emailInput,
  displayName: text(200),
  role: z.enum(roles),
  practiceIds: z.array(idSchema).max(500).optional(),
  expiresAt: z.iso
    .datetime({ message: 'must be an ISO date-time such as 2027-01-31T23:59:59Z' })
    .nullable()
    .optional(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z
  .strictObject({
    displayName: text(200),
    role: z.enum(roles),
    status: z.enum(['active', 'disabled']),
    practiceIds: z.array(idSchema).max(500),
    expiresAt: z.iso.datetime().nullable(),
  })
  .partial();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const createdUserView = z.object({ user: userView, setupLink: z.string() });

export const createTokenInput = z.strictObject({
  name: text(100),
  scopes: z.array(z.enum(tokenScopes)).min(1).max(tokenScopes.length),
  expiresInDays: z.number().int().min(1).max(730).default(90),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;

export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createdTokenView = z.object({ token: tokenView, secret: z.string() });

export const enrolView = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const recoveryCodesView = z.object({ recoveryCodes: z.array(z.string()) });
