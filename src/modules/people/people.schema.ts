import { z } from 'zod';
import {
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  listOf,
  text,
} from '../../platform/http/schemas.ts';

export const jobRoles = [
  'dentist',
  'hygienist',
  'assistant',
  'front_desk',
  'office_manager',
  'billing',
  'it',
  'executive',
  'other',
] as const;
export type JobRole = (typeof jobRoles)[number];

export const personStatuses = ['active', 'leave', 'terminated'] as const;
export type PersonStatus = (typeof personStatuses)[number];

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be an email address such as jane@smiledental.com' }))
  .transform((value) => value.toLowerCase());

export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N} _.:-]+$/u, 'may contain letters, digits, spaces and _ . : -');

const personFields = {
  firstName: text(100),
  lastName: text(100),
  email: emailSchema,
  jobRole: z.enum(jobRoles),
  practiceIds: z.array(idSchema).max(200),
  hireDate: dateSchema.nullable().optional(),
  terminationDate: dateSchema.nullable().optional(),
  status: z.enum(personStatuses).optional(),
  tags: z.array(tagSchema).max(30).optional(),
};

export const createPersonInput = z.strictObject(personFields);
export type CreatePersonInput = z.infer<typeof createPersonInput>;
export const updatePersonInput = z.strictObject(personFields).partial();
export type UpdatePersonInput = z.infer<typeof updatePersonInput>;

export const peopleSorts = [
  'lastName',
  '-lastName',
  'email',
  '-email',
  'hireDate',
  '-hireDate',
  'createdAt',
  '-createdAt',
] as const;

export const listPeopleQuery = z.strictObject({
  search: z.string().trim().max(200).optional(),
  practiceId: idSchema.optional(),
  jobRole: z.enum(jobRoles).optional(),
  status: z.enum(personStatuses).optional(),
  sort: z.enum(peopleSorts).default('lastName'),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuery>;

export const personView = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  jobRole: z.enum(jobRoles),
  status: z.enum(personStatuses),
  hireDate: z.string().nullable(),
  terminationDate: z.string().nullable(),
  tags: z.array(z.string()),
  practices: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonView = z.infer<typeof personView>;
export const personList = listOf(personView);

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

export const importQuery = z.strictObject({ dryRun: booleanFlag, terminateMissing: booleanFlag });

export const importResult = z.object({
  dryRun: z.boolean(),
  rows: z.number(),
  summary: z.object({ create: z.number(), update: z.number(), terminate: z.number(), unchanged: z.number() }),
});
export type ImportResult = z.infer<typeof importResult>;
