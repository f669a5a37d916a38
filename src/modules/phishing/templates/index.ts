import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import {
  builtinPrefix,
  builtinTeachableId,
  builtinTeachablePage,
  builtinTemplateId,
  builtinTemplates,
  findBuiltinTemplate,
} from './library.ts';
import {
  escapeHtml,
  fillVariables,
  insertBeforeBodyEnd,
  landingPageVariables,
  practiceSlug,
  templateVariables,
} from './render.ts';
import type { BuiltinTemplate } from './templates.schema.ts';
import { findLandingPage, findTemplates, type TemplateRow } from './templates.store.ts';

export { type TemplateCategory, templateCategories } from './templates.schema.ts';
export { builtinTeachableId, landingPageVariables, templateVariables };

export interface RedFlag {
  label: string;
  explanation: string;
}

export interface ResolvedTemplate {
  id: string;
  name: string;
  category: string;
  difficulty: number;
  senderName: string;
  senderAddress: string;
  subject: string;
  html: string;
  text: string;
  redFlags: RedFlag[];
}

function fromBuiltin(template: BuiltinTemplate): ResolvedTemplate {
  return {
    id: builtinTemplateId(template),
    name: template.name,
    category: template.category,
    difficulty: template.difficulty,
    senderName: template.senderName,
    senderAddress: template.senderAddress,
    subject: template.subject,
    html: template.html,
    text: template.text,
    redFlags: template.redFlags.map((flag) => ({ ...flag })),
  };
}

/** A stored row's red flags; a malformed column reads as none rather than failing a whole campaign. */
export function parseRedFlags(column: string): RedFlag[] {
  const value: unknown = JSON.parse(column);
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { label, explanation } = item as Record<string, unknown>;
    return typeof label === 'string' && typeof explanation === 'string' ? [{ label, explanation }] : [];
  });
}

export function fromRow(row: TemplateRow): ResolvedTemplate {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    difficulty: row.difficulty,
    senderName: row.senderName,
    senderAddress: row.senderAddress,
    subject: row.subject,
    html: row.html,
    text: row.text,
    redFlags: parseRedFlags(row.redFlags),
  };
}

/** Built-in ids are 'builtin:<slug>'; others are the DSO's rows. Unknown ids are absent from the map. */
export async function resolveTemplates(
  db: Kysely<Database>,
  dsoId: string,
  ids: readonly string[],
): Promise<Map<string, ResolvedTemplate>> {
  const resolved = new Map<string, ResolvedTemplate>();
  const own: string[] = [];
  for (const id of new Set(ids)) {
    if (id.startsWith(builtinPrefix)) {
      const builtin = findBuiltinTemplate(id);
      if (builtin) resolved.set(id, fromBuiltin(builtin));
    } else {
      own.push(id);
    }
  }
  for (const row of await findTemplates(db, dsoId, own)) resolved.set(row.id, fromRow(row));
  return resolved;
}

/** Every built-in lure, resolved (the library is data in the repository, the same for every DSO). */
export function listBuiltinTemplates(): ResolvedTemplate[] {
  return builtinTemplates.map(fromBuiltin);
}

export interface TemplateContext {
  firstName: string;
  lastName: string;
  email: string;
  practiceName: string;
  clickUrl: string;
  pixelUrl: string;
}

export interface RenderedTemplate {
  subject: string;
  html: string;
  text: string;
  /** The sender, with `{{practice}}` filled (in the address as a slug such as `smiledental`). */
  senderName: string;
  senderAddress: string;
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** Fills the variables; HTML-escapes values in html, appends the open pixel to the html. Pure. */
export function renderTemplate(template: ResolvedTemplate, context: TemplateContext): RenderedTemplate {
  const values: Record<keyof typeof templateVariables, string> = {
    first_name: context.firstName,
    last_name: context.lastName,
    email: context.email,
    practice: context.practiceName,
    link: context.clickUrl,
  };
  const pixel = `<img src="${escapeHtml(context.pixelUrl)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
  return {
    subject: oneLine(fillVariables(template.subject, values)),
    html: insertBeforeBodyEnd(fillVariables(template.html, values, escapeHtml), pixel),
    text: fillVariables(template.text, values),
    senderName: oneLine(fillVariables(template.senderName, values)),
    senderAddress: fillVariables(template.senderAddress, { practice: practiceSlug(context.practiceName) }),
  };
}

export interface ResolvedLandingPage {
  id: string;
  kind: 'teachable' | 'credential';
  html: string;
  redirectUrl: string | null;
}

/** null id → the built-in teachable-moment page. */
export async function resolveLandingPage(
  db: Kysely<Database>,
  dsoId: string,
  id: string | null,
): Promise<ResolvedLandingPage | null> {
  if (id === null || id === builtinTeachableId) {
    return { id: builtinTeachableId, kind: 'teachable', html: builtinTeachablePage.html, redirectUrl: null };
  }
  if (id.startsWith(builtinPrefix)) return null;
  const row = await findLandingPage(db, dsoId, id);
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind === 'credential' ? 'credential' : 'teachable',
    html: row.html,
    redirectUrl: row.redirectUrl,
  };
}

export interface LandingPageContext {
  /** The red flags of the exact email the person clicked. */
  redFlags: readonly RedFlag[];
  /** Where a credential page's form posts (the tracking server's submit URL for this token). */
  submitUrl: string;
}

/** The red flags as an HTML list, escaped, for the `{{red_flags}}` placeholder. */
export function renderRedFlagsHtml(redFlags: readonly RedFlag[]): string {
  const items = redFlags
    .map((flag) => `<li><strong>${escapeHtml(flag.label)}</strong><br />${escapeHtml(flag.explanation)}</li>`)
    .join('');
  return `<ul class="red-flags">${items}</ul>`;
}

/** Fills a landing page's `{{red_flags}}` and `{{submit_url}}` placeholders. Pure. */
export function renderLandingPage(page: ResolvedLandingPage, context: LandingPageContext): string {
  const values: Record<keyof typeof landingPageVariables, string> = {
    red_flags: renderRedFlagsHtml(context.redFlags),
    submit_url: escapeHtml(context.submitUrl),
  };
  // Values are already HTML: the red flags list is built from escaped parts above.
  return fillVariables(page.html, values);
}
