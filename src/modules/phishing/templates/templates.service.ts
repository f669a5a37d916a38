import type { Kysely } from 'kysely';
import { versionedCache } from '../../../platform/cache/versioned-cache.ts';
import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { AppError, type ErrorIssue, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { draftFromEml } from './import-eml.ts';
import { mapGophishExport } from './import-gophish.ts';
import { listBuiltinTemplates } from './index.ts';
import { createLandingPageRows } from './landing-pages.service.ts';
import { findBuiltinTemplate } from './library.ts';
import { htmlToText, templateVariables, unknownVariables } from './render.ts';
import { sanitizeTemplateHtml } from './sanitize.ts';
import {
  builtinSummaries,
  presentBuiltinTemplate,
  presentTemplate,
  presentTemplateSummary,
} from './templates.present.ts';
import type {
  CreateTemplateInput,
  ImportEmlQuery,
  ImportGophishQuery,
  ImportGophishResult,
  ListTemplatesQuery,
  TemplateView,
  UpdateTemplateInput,
} from './templates.schema.ts';
import * as store from './templates.store.ts';

type TemplateRow = store.TemplateRow;
type Source = 'custom' | 'eml' | 'gophish';

function auditOf(scope: Scope, action: string, resourceId: string | null, occurredAt: string, input: object) {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'phishingTemplate',
    resourceId,
    occurredAt,
    changedFields: audit.fieldNames(input),
  };
}

const contentFields = ['senderName', 'senderAddress', 'subject', 'html', 'text'] as const;

/** Every `{{name}}` a field uses that Enamel cannot fill, as issues naming the field and the variable. */
export function variableIssues(
  fields: Partial<Record<(typeof contentFields)[number], string | undefined>>,
  prefix: (string | number)[] = [],
): ErrorIssue[] {
  const allowed = Object.keys(templateVariables)
    .map((name) => `{{${name}}}`)
    .join(', ');
  const issues: ErrorIssue[] = [];
  for (const field of contentFields) {
    const value = fields[field];
    if (value === undefined) continue;
    const only = field === 'senderAddress' ? { practice: '' } : templateVariables;
    for (const name of unknownVariables(value, only)) {
      issues.push({
        path: [...prefix, field],
        code: 'unknown_variable',
        message: `${field} uses the unknown variable {{${name}}}; use ${field === 'senderAddress' ? '{{practice}}' : allowed}`,
      });
    }
  }
  return issues;
}

function throwIfIssues(issues: readonly ErrorIssue[]): void {
  if (issues.length === 0) return;
  const first = issues[0] as ErrorIssue;
  throw new AppError('VALIDATION_FAILED', first.message, issues);
}

/** Sanitised content; refuses HTML that is empty once unsafe parts are removed. */
function cleanHtml(html: string): string {
  const clean = sanitizeTemplateHtml(html);
  if (clean.replace(/<[^>]*>/g, '').trim() === '' && !/<img\s/i.test(clean)) {
    throw new AppError('VALIDATION_FAILED', 'html has no content once unsafe parts are removed', [
      { path: ['body', 'html'], code: 'empty', message: 'html has no content once unsafe parts are removed' },
    ]);
  }
  return clean;
}

export async function listTemplates(deps: ServiceDeps, scope: Scope, query: ListTemplatesQuery) {
  const own = await versionedCache(deps.db).read(
    scope.dsoId,
    `phishingTemplates:${query.category ?? ''}:${query.difficulty ?? ''}`,
    async () => (await store.listTemplates(deps.db, scope.dsoId, query)).map(presentTemplateSummary),
  );
  const builtins = builtinSummaries().filter(
    (template) =>
      (query.category === undefined || template.category === query.category) &&
      (query.difficulty === undefined || template.difficulty === query.difficulty),
  );
  return { items: [...builtins, ...own] };
}

export async function getTemplate(deps: ServiceDeps, scope: Scope, id: string): Promise<TemplateView> {
  const builtin = findBuiltinTemplate(id);
  if (builtin) {
    const resolved = listBuiltinTemplates().find((template) => template.id === id);
    if (resolved) return presentBuiltinTemplate(resolved);
  }
  const row = id.startsWith('builtin:') ? undefined : await store.findTemplate(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Phishing template', id);
  return presentTemplate(row);
}

/** A new row from validated, sanitised content. */
function rowOf(
  scope: Scope,
  input: CreateTemplateInput,
  html: string,
  source: Source,
  now: string,
): TemplateRow {
  return {
    id: newId(),
    dsoId: scope.dsoId,
    name: input.name,
    category: input.category,
    difficulty: input.difficulty,
    senderName: input.senderName,
    senderAddress: input.senderAddress,
    subject: input.subject,
    html,
    text: input.text !== undefined && input.text.trim() !== '' ? input.text : htmlToText(html),
    redFlags: JSON.stringify(input.redFlags),
    source,
    createdBy: scope.actor?.label ?? systemActor.label,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createTemplate(
  deps: ServiceDeps,
  scope: Scope,
  input: CreateTemplateInput,
  source: Source = 'custom',
): Promise<TemplateView> {
  const html = cleanHtml(input.html);
  throwIfIssues(variableIssues({ ...input, html }, ['body']));
  const now = deps.clock.now().toISOString();
  const row = rowOf(scope, input, html, source, now);
  await deps.db.transaction().execute(async (trx) => {
    await store.insertTemplate(trx, row);
    await audit.record(trx, auditOf(scope, 'phishingTemplates.create', row.id, now, input));
  });
  return presentTemplate(row);
}

function refuseBuiltin(id: string): void {
  if (id.startsWith('builtin:')) {
    throw new AppError(
      'CONFLICT',
      `The built-in template "${id}" cannot be changed; copy it to your templates and edit the copy.`,
    );
  }
}

export async function updateTemplate(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdateTemplateInput,
): Promise<TemplateView> {
  refuseBuiltin(id);
  const existing = await store.findTemplate(deps.db, scope.dsoId, id);
  if (!existing) throw notFound('Phishing template', id);
  const html = input.html === undefined ? undefined : cleanHtml(input.html);
  throwIfIssues(variableIssues({ ...input, ...(html === undefined ? {} : { html }) }, ['body']));
  const now = deps.clock.now().toISOString();
  const changes: Partial<TemplateRow> = { updatedAt: now };
  for (const field of ['name', 'category', 'difficulty', 'senderName', 'senderAddress', 'subject'] as const) {
    if (input[field] !== undefined) Object.assign(changes, { [field]: input[field] });
  }
  if (html !== undefined) changes.html = html;
  if (input.text !== undefined)
    changes.text = input.text.trim() !== '' ? input.text : htmlToText(html ?? existing.html);
  if (input.redFlags !== undefined) changes.redFlags = JSON.stringify(input.redFlags);
  await deps.db.transaction().execute(async (trx) => {
    await store.updateTemplate(trx, scope.dsoId, id, changes);
    await audit.record(trx, auditOf(scope, 'phishingTemplates.update', id, now, input));
  });
  return presentTemplate({ ...existing, ...changes });
}

export async function deleteTemplate(deps: ServiceDeps, scope: Scope, id: string): Promise<void> {
  refuseBuiltin(id);
  const existing = await store.findTemplate(deps.db, scope.dsoId, id);
  if (!existing) throw notFound('Phishing template', id);
  const campaign = await store.campaignUsingTemplate(deps.db, scope.dsoId, id);
  if (campaign) {
    throw new AppError(
      'CONFLICT',
      `The template "${existing.name}" is used by the campaign "${campaign.name}"; it cannot be deleted.`,
    );
  }
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.deleteTemplate(trx, scope.dsoId, id);
    await audit.record(trx, auditOf(scope, 'phishingTemplates.delete', id, now, {}));
  });
}

/** A raw .eml becomes a draft template: links point to `{{link}}`, subject and sender are kept. */
export async function importEml(
  deps: ServiceDeps,
  scope: Scope,
  raw: Buffer,
  query: ImportEmlQuery,
): Promise<TemplateView> {
  const draft = await draftFromEml(raw);
  if (!draft) {
    throw new AppError('IMPORT_INVALID', 'The file is not an email message: no sender, subject or body.', [
      { code: 'not_an_email', message: 'no From, Subject or body found' },
    ]);
  }
  const input: CreateTemplateInput = {
    name: (query.name ?? `Imported: ${draft.subject}`).slice(0, 120),
    category: query.category,
    difficulty: query.difficulty,
    senderName: draft.senderName,
    senderAddress: /^[^\s@<>]+@[^\s@<>]+$/.test(draft.senderAddress)
      ? draft.senderAddress
      : 'sender@example.com',
    subject: draft.subject,
    html: draft.html,
    text: draft.text,
    redFlags: [],
  };
  return createTemplate(deps, scope, input, 'eml');
}

async function matchPeople(db: Kysely<Database>, dsoId: string, emails: readonly string[]) {
  const people = await store.findPeopleByEmail(db, dsoId, emails);
  return new Map(people.map((person) => [person.email.toLowerCase(), person]));
}

/**
 * Imports a GoPhish export all or nothing: templates and landing pages are created (credential pages never
 * capture what is typed); groups create nothing and come back as targets matched to people by email.
 */
export async function importGophish(
  deps: ServiceDeps,
  scope: Scope,
  body: unknown,
  query: ImportGophishQuery,
): Promise<ImportGophishResult> {
  const mapped = mapGophishExport(body);
  const issues = [...mapped.issues];
  for (const draft of mapped.templates) {
    issues.push(
      ...variableIssues({ senderAddress: draft.senderAddress, senderName: draft.senderName }, draft.path),
    );
  }
  if (issues.length > 0) {
    throw new AppError(
      'IMPORT_INVALID',
      `The GoPhish export has ${issues.length} problem(s); nothing was imported.`,
      issues,
    );
  }
  const now = deps.clock.now().toISOString();
  const templateRows = mapped.templates.map((draft) =>
    rowOf(
      scope,
      { ...draft, category: query.category, difficulty: query.difficulty, redFlags: [] },
      draft.html,
      'gophish',
      now,
    ),
  );
  const pageRows = createLandingPageRows(scope, mapped.pages, 'gophish', now);
  const allEmails = mapped.groups.flatMap((group) => group.targets.map((target) => target.email));
  const people = await matchPeople(deps.db, scope.dsoId, allEmails);
  await deps.db.transaction().execute(async (trx) => {
    for (const row of templateRows) await store.insertTemplate(trx, row);
    for (const row of pageRows) await store.insertLandingPage(trx, row);
    await audit.record(trx, {
      ...auditOf(scope, 'phishingTemplates.import', null, now, {}),
      detail: { templates: templateRows.length, landingPages: pageRows.length, groups: mapped.groups.length },
    });
  });
  return {
    templates: templateRows.map((row) => ({ id: row.id, name: row.name })),
    landingPages: pageRows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind as 'teachable' | 'credential',
    })),
    groups: mapped.groups.map((group) => ({
      name: group.name,
      matched: group.targets.flatMap((target) => {
        const person = people.get(target.email);
        return person
          ? [
              {
                email: target.email,
                personId: person.id,
                name: `${person.firstName} ${person.lastName}`.trim(),
              },
            ]
          : [];
      }),
      unmatched: group.targets.filter((target) => !people.has(target.email)),
    })),
    warnings: mapped.warnings,
  };
}
