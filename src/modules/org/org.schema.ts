import { z } from 'zod';
import {
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  listOf,
  optionalText,
  text,
} from '../../platform/http/schemas.ts';
import { isUsState, usStates } from './us-states.ts';
import { canonicalTimeZone, isValidNpi } from './validators.ts';

export const stateSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isUsState, { message: 'must be a US state or territory 2-letter code such as TX or CA' });

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .transform((value, ctx) => {
    const canonical = canonicalTimeZone(value);
    if (canonical === null) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an IANA time zone such as America/Chicago, got "${value.slice(0, 64)}"`,
      });
      return z.NEVER;
    }
    return canonical;
  });

export const npiSchema = z
  .string()
  .trim()
  .refine(isValidNpi, { message: 'must be a 10-digit NPI with a valid check digit' });

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/,
    'must be a domain name such as smiledental.com',
  );

export const addressSchema = z.strictObject({
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  state: stateSchema,
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'must be a ZIP code such as 75201 or 75201-1234'),
});

export const practiceStatuses = ['active', 'onboarding', 'closed'] as const;

// DSO ---------------------------------------------------------------------------------------------

export const createDsoInput = z.strictObject({
  name: text(200),
  legalName: optionalText(200),
  domains: z.array(domainSchema).max(50).optional(),
  hqAddress: addressSchema.nullable().optional(),
  settings: z.record(z.string().max(100), z.unknown()).optional(),
});
export type CreateDsoInput = z.infer<typeof createDsoInput>;

export const updateDsoInput = createDsoInput.partial();
export type UpdateDsoInput = z.infer<typeof updateDsoInput>;

export const dsoView = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string().nullable(),
  domains: z.array(z.string()),
  hqAddress: z
    .object({
      line1: z.string(),
      line2: z.string().nullable().optional(),
      city: z.string(),
      state: z.string(),
      postalCode: z.string(),
    })
    .nullable(),
  settings: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DsoView = z.infer<typeof dsoView>;
export const dsoList = listOf(dsoView);

export const listDsosQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

// Regions -----------------------------------------------------------------------------------------

export const createRegionInput = z.strictObject({ name: text(100) });
export type CreateRegionInput = z.infer<typeof createRegionInput>;
export const updateRegionInput = createRegionInput;

export const regionView = z.object({
  id: z.string(),
  name: z.string(),
  practiceCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegionView = z.infer<typeof regionView>;
export const regionList = listOf(regionView);
export const listRegionsQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

// Practices ---------------------------------------------------------------------------------------

const practiceFields = {
  name: text(200),
  legalEntity: optionalText(200),
  regionId: idSchema.nullable().optional(),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  state: stateSchema,
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'must be a ZIP code such as 75201 or 75201-1234')
    .nullable()
    .optional(),
  timeZone: timeZoneSchema,
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+().\-\s]{7,30}$/, 'must be a phone number such as (214) 555-0100')
    .nullable()
    .optional(),
  chairs: z.number().int().min(0).max(1000).nullable().optional(),
  activePatients: z.number().int().min(0).max(10_000_000).nullable().optional(),
  npi: npiSchema.nullable().optional(),
  status: z.enum(practiceStatuses).optional(),
};

export const createPracticeInput = z.strictObject(practiceFields);
export type CreatePracticeInput = z.infer<typeof createPracticeInput>;
export const updatePracticeInput = z.strictObject(practiceFields).partial();
export type UpdatePracticeInput = z.infer<typeof updatePracticeInput>;

export const practiceSorts = ['name', '-name', 'state', '-state', 'createdAt', '-createdAt'] as const;

export const listPracticesQuery = z.strictObject({
  search: z.string().trim().max(200).optional(),
  state: stateSchema.optional(),
  status: z.enum(practiceStatuses).optional(),
  regionId: idSchema.optional(),
  sort: z.enum(practiceSorts).default('name'),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListPracticesQuery = z.infer<typeof listPracticesQuery>;

export const practiceView = z.object({
  id: z.string(),
  name: z.string(),
  legalEntity: z.string().nullable(),
  regionId: z.string().nullable(),
  regionName: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string(),
  postalCode: z.string().nullable(),
  timeZone: z.string(),
  phone: z.string().nullable(),
  chairs: z.number().nullable(),
  activePatients: z.number().nullable(),
  npi: z.string().nullable(),
  status: z.enum(practiceStatuses),
  peopleCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PracticeView = z.infer<typeof practiceView>;
export const practiceList = listOf(practiceView);

export { dateSchema, usStates };

export const summaryView = z.object({
  practices: z.object({ total: z.number(), active: z.number(), onboarding: z.number(), closed: z.number() }),
  people: z.object({ total: z.number(), active: z.number(), leave: z.number(), terminated: z.number() }),
  regions: z.number(),
  states: z.array(z.object({ state: z.string(), practices: z.number(), people: z.number() })),
});
export type SummaryView = z.infer<typeof summaryView>;
