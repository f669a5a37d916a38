import { z } from 'zod';

/** The lure families of the library (issue 5, item 2). */
export const templateCategories = [
  'patient-intake',
  'payer',
  'regulator',
  'association',
  'vendor',
  'finance-hr',
  'it',
] as const;
export type TemplateCategory = (typeof templateCategories)[number];

export const templateCategoryLabels: Record<TemplateCategory, string> = {
  'patient-intake': 'Patient intake',
  payer: 'Payer',
  regulator: 'Regulator',
  association: 'Association',
  vendor: 'Vendor',
  'finance-hr': 'Finance and HR',
  it: 'IT',
};

export const landingPageKinds = ['teachable', 'credential'] as const;
export type LandingPageKind = (typeof landingPageKinds)[number];

export const redFlagSchema = z.strictObject({
  label: z.string().trim().min(1).max(120),
  explanation: z.string().trim().min(1).max(600),
});

/** A built-in lure as written in library/lures.json. */
export const builtinTemplateSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{3,60}$/, 'expected lowercase letters, digits and dashes'),
  name: z.string().min(1).max(120),
  category: z.enum(templateCategories),
  difficulty: z.number().int().min(1).max(5),
  senderName: z.string().min(1).max(120),
  senderAddress: z.string().min(3).max(200),
  subject: z.string().min(1).max(200),
  html: z.string().min(1),
  text: z.string().min(1),
  redFlags: z.array(redFlagSchema).min(3).max(6),
});
export type BuiltinTemplate = z.infer<typeof builtinTemplateSchema>;
export const builtinLibrarySchema = z.strictObject({
  version: z.string().min(1),
  templates: z.array(builtinTemplateSchema).min(12),
});

// API ----------------------------------------------------------------------------------------------

const bounded = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A built-in id (`builtin:<slug>`) or one of the DSO's own (UUID). */
export const templateIdSchema = z.union([z.uuid(), z.string().regex(/^builtin:[a-z0-9-]{1,60}$/)], {
  message: 'must be an Enamel id (UUID) or a built-in id such as builtin:it-password-expiry',
});
export const templateIdParams = z.strictObject({ id: templateIdSchema });

/** An address that may hold `{{practice}}` in its domain, e.g. `billing@{{practice}}-portal.example`. */
const senderAddress = bounded(200).regex(
  /^[^\s@<>]+@[^\s@<>]+$/,
  'must be an email address such as billing@portal.example',
);

export const maxHtmlLength = 500_000;

export const createTemplateInput = z.strictObject({
  name: bounded(120),
  category: z.enum(templateCategories),
  difficulty: z.number().int().min(1).max(5),
  senderName: bounded(120),
  senderAddress,
  subject: bounded(200),
  html: z.string().min(1, 'must not be empty').max(maxHtmlLength),
  /** The plain-text part; derived from the HTML when omitted. */
  text: z.string().max(200_000).optional(),
  redFlags: z.array(redFlagSchema).max(10).default([]),
});
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

export const updateTemplateInput = z.strictObject({
  name: bounded(120).optional(),
  category: z.enum(templateCategories).optional(),
  difficulty: z.number().int().min(1).max(5).optional(),
  senderName: bounded(120).optional(),
  senderAddress: senderAddress.optional(),
  subject: bounded(200).optional(),
  html: z.string().min(1, 'must not be empty').max(maxHtmlLength).optional(),
  text: z.string().max(200_000).optional(),
  redFlags: z.array(redFlagSchema).max(10).optional(),
});
export type UpdateTemplateInput = z.infer<typeof updateTemplateInput>;

export const listTemplatesQuery = z.strictObject({
  category: z.enum(templateCategories).optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;

export const templateSources = ['builtin', 'custom', 'eml', 'gophish'] as const;

const templateSummaryShape = {
  id: z.string(),
  builtin: z.boolean(),
  source: z.enum(templateSources),
  name: z.string(),
  category: z.enum(templateCategories),
  difficulty: z.number().int(),
  senderName: z.string(),
  senderAddress: z.string(),
  subject: z.string(),
  redFlagCount: z.number().int(),
  updatedAt: z.string().nullable(),
};
export const templateSummary = z.object(templateSummaryShape);
export type TemplateSummary = z.infer<typeof templateSummary>;
export const templateList = z.object({ items: z.array(templateSummary) });

export const templateView = z.object({
  ...templateSummaryShape,
  html: z.string(),
  text: z.string(),
  redFlags: z.array(redFlagSchema),
  /** The variables the template may use, for editors. */
  variables: z.array(z.object({ name: z.string(), description: z.string() })),
  createdAt: z.string().nullable(),
});
export type TemplateView = z.infer<typeof templateView>;

export const importEmlQuery = z.strictObject({
  name: bounded(120).optional(),
  category: z.enum(templateCategories).default('it'),
  difficulty: z.coerce.number().int().min(1).max(5).default(3),
});
export type ImportEmlQuery = z.infer<typeof importEmlQuery>;

export const importGophishQuery = z.strictObject({
  category: z.enum(templateCategories).default('it'),
  difficulty: z.coerce.number().int().min(1).max(5).default(3),
});
export type ImportGophishQuery = z.infer<typeof importGophishQuery>;

const importWarning = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });

export const importGophishResult = z.object({
  templates: z.array(z.object({ id: z.string(), name: z.string() })),
  landingPages: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(landingPageKinds) })),
  groups: z.array(
    z.object({
      name: z.string(),
      matched: z.array(z.object({ email: z.string(), personId: z.string(), name: z.string() })),
      unmatched: z.array(
        z.object({ email: z.string(), firstName: z.string(), lastName: z.string(), position: z.string() }),
      ),
    }),
  ),
  warnings: z.array(importWarning),
});
export type ImportGophishResult = z.infer<typeof importGophishResult>;

// Landing pages --------------------------------------------------------------------------------------

const redirectUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http or https URL' })
  .max(2000)
  .nullable();

export const createLandingPageInput = z.strictObject({
  name: bounded(120),
  kind: z.enum(landingPageKinds),
  html: z.string().min(1, 'must not be empty').max(maxHtmlLength),
  /** Where a credential page sends the person after a submission (after the teachable moment otherwise). */
  redirectUrl: redirectUrl.optional(),
});
export type CreateLandingPageInput = z.infer<typeof createLandingPageInput>;

export const updateLandingPageInput = z.strictObject({
  name: bounded(120).optional(),
  kind: z.enum(landingPageKinds).optional(),
  html: z.string().min(1, 'must not be empty').max(maxHtmlLength).optional(),
  redirectUrl: redirectUrl.optional(),
});
export type UpdateLandingPageInput = z.infer<typeof updateLandingPageInput>;

export const landingPageIdParams = z.strictObject({
  id: z.union([z.uuid(), z.literal('builtin:teachable')], {
    message: 'must be an Enamel id (UUID) or builtin:teachable',
  }),
});

export const landingPageView = z.object({
  id: z.string(),
  builtin: z.boolean(),
  source: z.enum(['builtin', 'custom', 'gophish']),
  name: z.string(),
  kind: z.enum(landingPageKinds),
  html: z.string(),
  redirectUrl: z.string().nullable(),
  variables: z.array(z.object({ name: z.string(), description: z.string() })),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type LandingPageView = z.infer<typeof landingPageView>;
export const landingPageList = z.object({ items: z.array(landingPageView) });
