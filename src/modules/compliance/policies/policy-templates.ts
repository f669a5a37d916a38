import { readFileSync } from 'node:fs';
import { z } from 'zod';
import indexJson from './templates/index.json' with { type: 'json' };

/** The categories a policy is filed under; blank policies may use any of them. */
export const policyCategories = [
  'governance',
  'workforce',
  'access',
  'audit',
  'contingency',
  'incident',
  'physical',
  'vendors',
  'training',
  'other',
] as const;
export type PolicyCategory = (typeof policyCategories)[number];

const templateEntry = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  title: z.string().min(1).max(200),
  category: z.enum(policyCategories),
  file: z.string().regex(/^[a-z0-9-]+\.md$/),
  reviewIntervalMonths: z.number().int().min(1).max(60),
  hipaa: z.array(z.string().min(1)).min(1),
});
const templateIndex = z.strictObject({ version: z.string().min(1), templates: z.array(templateEntry) });

export interface PolicyTemplate {
  readonly id: string;
  readonly title: string;
  readonly category: PolicyCategory;
  readonly reviewIntervalMonths: number;
  /** HIPAA Security Rule ids (frameworks/hipaa-security-rule.json) the policy satisfies. */
  readonly hipaa: readonly string[];
  /** Markdown with `{{dso_name}}` and `{{security_official}}` placeholders. */
  readonly body: string;
}

/** The placeholders a template may use, filled when a policy is created from it. */
export const templatePlaceholders = ['dso_name', 'security_official'] as const;
export type TemplateValues = Record<(typeof templatePlaceholders)[number], string>;

let loaded: readonly PolicyTemplate[] | undefined;

/** The bundled template library (templates/index.json and its Markdown files), read once. */
export function policyTemplates(): readonly PolicyTemplate[] {
  if (!loaded) {
    const index = templateIndex.parse(indexJson);
    loaded = index.templates.map((entry) => ({
      id: entry.id,
      title: entry.title,
      category: entry.category,
      reviewIntervalMonths: entry.reviewIntervalMonths,
      hipaa: entry.hipaa,
      body: readFileSync(new URL(`./templates/${entry.file}`, import.meta.url), 'utf8'),
    }));
  }
  return loaded;
}

export function findTemplate(id: string): PolicyTemplate | undefined {
  return policyTemplates().find((template) => template.id === id);
}

/** The template's Markdown with every placeholder replaced by its value. */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) =>
    name in values ? values[name as keyof TemplateValues] : whole,
  );
}
