import { z } from 'zod';

/** Schema pieces shared by every module's routes. */

export const idSchema = z.uuid({ message: 'must be an Enamel id (UUID)' });

export const idParams = z.strictObject({ id: idSchema });

/** `YYYY-MM-DD` that is a real calendar date. */
export const dateSchema = z.iso.date({ message: 'must be a date in the form YYYY-MM-DD' });

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const cursorSchema = z.string().max(512).optional();

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])).optional(),
          line: z.number().optional(),
          column: z.union([z.string(), z.number()]).optional(),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional(),
    requestId: z.string(),
  }),
});

/** Trimmed text with a length bound; empty after trimming counts as missing. */
export function text(max: number) {
  return z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
}

/** Optional nullable text for PATCH and create bodies. */
export function optionalText(max: number) {
  return z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();
}
