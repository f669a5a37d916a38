import { z } from 'zod';
import { dateSchema, idSchema, optionalText, text } from '../../../platform/http/schemas.ts';

export const vendorCategories = [
  'practice_management',
  'imaging',
  'clearinghouse',
  'it_provider',
  'cloud_backup',
  'email',
  'other',
] as const;
export const ephiAccessLevels = ['none', 'limited', 'full'] as const;
export const baaStatuses = ['not_required', 'needed', 'requested', 'signed', 'expired'] as const;
export const vendorWarningCodes = [
  'baa_missing',
  'baa_renewal_due',
  'baa_renewal_past',
  'security_review_stale',
  'safeguards_verification_stale',
] as const;
export type VendorWarningCode = (typeof vendorWarningCodes)[number];

const optionalDate = dateSchema.nullable().optional();

const vendorFields = {
  name: text(200),
  category: z.enum(vendorCategories),
  services: optionalText(1000),
  website: z
    .url({ message: 'must be a web address such as https://vendor.example' })
    .max(500)
    .nullable()
    .optional(),
  contactName: optionalText(200),
  contactEmail: z.email({ message: 'must be an email address' }).max(254).nullable().optional(),
  /** null means the vendor serves every practice. */
  practiceIds: z.array(idSchema).max(500).nullable().optional(),
  ephiAccess: z.enum(ephiAccessLevels),
  baaStatus: z.enum(baaStatuses),
  baaSignedDate: optionalDate,
  baaRenewalDate: optionalDate,
  subprocessors: z.array(text(200)).max(50).optional(),
  lastSecurityReviewDate: optionalDate,
  /** Annual written verification of the vendor's technical safeguards (proposed 164.308(b), 90 FR 898). */
  safeguardsVerifiedDate: optionalDate,
  notes: optionalText(4000),
};

export const createVendorInput = z.strictObject(vendorFields);
export type CreateVendorInput = z.infer<typeof createVendorInput>;
export const updateVendorInput = z.strictObject({ ...vendorFields, retired: z.boolean() }).partial();
export type UpdateVendorInput = z.infer<typeof updateVendorInput>;

export const listVendorsQuery = z.strictObject({
  category: z.enum(vendorCategories).optional(),
  warning: z.enum(vendorWarningCodes).optional(),
  practiceId: idSchema.optional(),
  baaStatus: z.enum(baaStatuses).optional(),
  includeRetired: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});
export type ListVendorsQuery = z.infer<typeof listVendorsQuery>;

export const vendorWarning = z.object({ code: z.enum(vendorWarningCodes), message: z.string() });
export type VendorWarning = z.infer<typeof vendorWarning>;

export const vendorView = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(vendorCategories),
  services: z.string().nullable(),
  website: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  practiceIds: z.array(z.string()).nullable(),
  ephiAccess: z.enum(ephiAccessLevels),
  baaStatus: z.enum(baaStatuses),
  baaSignedDate: z.string().nullable(),
  baaRenewalDate: z.string().nullable(),
  subprocessors: z.array(z.string()),
  lastSecurityReviewDate: z.string().nullable(),
  safeguardsVerifiedDate: z.string().nullable(),
  notes: z.string().nullable(),
  retired: z.boolean(),
  retiredAt: z.string().nullable(),
  warnings: z.array(vendorWarning),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VendorView = z.infer<typeof vendorView>;
export const vendorList = z.object({
  items: z.array(vendorView),
  counts: z.object({ total: z.number(), withWarnings: z.number() }),
});
