import { z } from 'zod';
import luresJson from './library/lures.json' with { type: 'json' };
import teachableJson from './library/teachable-page.json' with { type: 'json' };
import { type BuiltinTemplate, builtinLibrarySchema } from './templates.schema.ts';

/** Built-in ids carry this prefix so they never collide with a DSO's own (UUID) ids. */
export const builtinPrefix = 'builtin:';
export const builtinTeachableId = 'builtin:teachable';

// Validated once at load: a broken data file fails every start and every test, not one campaign.
const library = builtinLibrarySchema.parse(luresJson);
const slugs = new Set<string>();
for (const template of library.templates) {
  if (slugs.has(template.slug)) throw new Error(`lures.json: slug "${template.slug}" is used twice`);
  slugs.add(template.slug);
}

const teachable = z.strictObject({ name: z.string().min(1), html: z.string().min(1) }).parse(teachableJson);

export const builtinTemplates: readonly BuiltinTemplate[] = library.templates;
export const builtinLibraryVersion = library.version;

export function builtinTemplateId(template: BuiltinTemplate): string {
  return `${builtinPrefix}${template.slug}`;
}

export function findBuiltinTemplate(id: string): BuiltinTemplate | undefined {
  if (!id.startsWith(builtinPrefix)) return undefined;
  const slug = id.slice(builtinPrefix.length);
  return builtinTemplates.find((template) => template.slug === slug);
}

/** The friendly page shown after a click when a campaign has no landing page of its own. */
export const builtinTeachablePage = { id: builtinTeachableId, name: teachable.name, html: teachable.html };
