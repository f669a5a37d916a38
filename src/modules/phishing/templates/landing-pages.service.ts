import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { AppError, type ErrorIssue, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { builtinTeachableId } from './library.ts';
import { landingPageVariables, unknownVariables } from './render.ts';
import { sanitizeCredentialPage, sanitizeTeachablePage } from './sanitize.ts';
import { presentBuiltinLandingPage, presentLandingPage } from './templates.present.ts';
import type {
  CreateLandingPageInput,
  LandingPageKind,
  LandingPageView,
  UpdateLandingPageInput,
} from './templates.schema.ts';
import * as store from './templates.store.ts';

type LandingPageRow = store.LandingPageRow;

function auditOf(scope: Scope, action: string, resourceId: string, occurredAt: string, input: object) {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'landingPage',
    resourceId,
    occurredAt,
    changedFields: audit.fieldNames(input),
  };
}

/** A page as stored: sanitised, and for a credential page with nameless fields posting to `{{submit_url}}`. */
export function cleanLandingPageHtml(kind: LandingPageKind, html: string): string {
  return kind === 'credential' ? sanitizeCredentialPage(html) : sanitizeTeachablePage(html);
}

function pageIssues(kind: LandingPageKind, html: string): ErrorIssue[] {
  const issues: ErrorIssue[] = unknownVariables(html, landingPageVariables).map((name) => ({
    path: ['body', 'html'],
    code: 'unknown_variable',
    message: `html uses the unknown variable {{${name}}}; a landing page may use {{red_flags}} and {{submit_url}}`,
  }));
  if (html.replace(/<[^>]*>/g, '').trim() === '') {
    issues.push({
      path: ['body', 'html'],
      code: 'empty',
      message: 'html has no content once unsafe parts are removed',
    });
  }
  if (kind === 'credential' && !/<form[\s>]/i.test(html)) {
    issues.push({ path: ['body', 'html'], code: 'no_form', message: 'a credential page needs a form' });
  }
  return issues;
}

function throwIfIssues(issues: readonly ErrorIssue[]): void {
  const first = issues[0];
  if (first) throw new AppError('VALIDATION_FAILED', first.message, issues);
}

/** Rows for pages whose HTML is already clean (the GoPhish importer checks its pages itself). */
export function createLandingPageRows(
  scope: Scope,
  pages: readonly { name: string; kind: LandingPageKind; html: string; redirectUrl: string | null }[],
  source: 'custom' | 'gophish',
  now: string,
): LandingPageRow[] {
  return pages.map((page) => ({
    id: newId(),
    dsoId: scope.dsoId,
    name: page.name,
    kind: page.kind,
    html: page.html,
    redirectUrl: page.redirectUrl,
    source,
    createdAt: now,
    updatedAt: now,
  }));
}

export async function listLandingPages(
  deps: ServiceDeps,
  scope: Scope,
): Promise<{ items: LandingPageView[] }> {
  const rows = await store.listLandingPages(deps.db, scope.dsoId);
  return { items: [presentBuiltinLandingPage(), ...rows.map(presentLandingPage)] };
}

export async function getLandingPage(deps: ServiceDeps, scope: Scope, id: string): Promise<LandingPageView> {
  if (id === builtinTeachableId) return presentBuiltinLandingPage();
  const row = await store.findLandingPage(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Landing page', id);
  return presentLandingPage(row);
}

export async function createLandingPage(
  deps: ServiceDeps,
  scope: Scope,
  input: CreateLandingPageInput,
): Promise<LandingPageView> {
  const html = cleanLandingPageHtml(input.kind, input.html);
  throwIfIssues(pageIssues(input.kind, html));
  const now = deps.clock.now().toISOString();
  const [row] = createLandingPageRows(
    scope,
    [{ name: input.name, kind: input.kind, html, redirectUrl: input.redirectUrl ?? null }],
    'custom',
    now,
  ) as [LandingPageRow];
  await deps.db.transaction().execute(async (trx) => {
    await store.insertLandingPage(trx, row);
    await audit.record(trx, auditOf(scope, 'landingPages.create', row.id, now, input));
  });
  return presentLandingPage(row);
}

function refuseBuiltin(id: string): void {
  if (id === builtinTeachableId) {
    throw new AppError(
      'CONFLICT',
      'The built-in teachable page cannot be changed; create a page of your own.',
    );
  }
}

export async function updateLandingPage(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdateLandingPageInput,
): Promise<LandingPageView> {
  refuseBuiltin(id);
  const existing = await store.findLandingPage(deps.db, scope.dsoId, id);
  if (!existing) throw notFound('Landing page', id);
  const kind = input.kind ?? (existing.kind as LandingPageKind);
  // A change of kind re-cleans the stored HTML: a page turned into a credential page loses its field names too.
  const html = cleanLandingPageHtml(kind, input.html ?? existing.html);
  throwIfIssues(pageIssues(kind, html));
  const now = deps.clock.now().toISOString();
  const changes: Partial<LandingPageRow> = { kind, html, updatedAt: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.redirectUrl !== undefined) changes.redirectUrl = input.redirectUrl;
  await deps.db.transaction().execute(async (trx) => {
    await store.updateLandingPage(trx, scope.dsoId, id, changes);
    await audit.record(trx, auditOf(scope, 'landingPages.update', id, now, input));
  });
  return presentLandingPage({ ...existing, ...changes });
}

export async function deleteLandingPage(deps: ServiceDeps, scope: Scope, id: string): Promise<void> {
  refuseBuiltin(id);
  const existing = await store.findLandingPage(deps.db, scope.dsoId, id);
  if (!existing) throw notFound('Landing page', id);
  const campaign = await store.campaignUsingLandingPage(deps.db, scope.dsoId, id);
  if (campaign) {
    throw new AppError(
      'CONFLICT',
      `The landing page "${existing.name}" is used by the campaign "${campaign.name}"; it cannot be deleted.`,
    );
  }
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.deleteLandingPage(trx, scope.dsoId, id);
    await audit.record(trx, auditOf(scope, 'landingPages.delete', id, now, {}));
  });
}
