import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import * as audit from '../../audit/index.ts';
import {
  type CatalogueControl,
  controlCatalogue,
  controlCategories,
  findControl,
  findSignal,
} from './catalogue.ts';
import { type ControlStatus, controlStatuses, deriveStatus } from './control-status.ts';
import * as store from './controls.store.ts';
import { type EvidenceView, presentEvidence, userNames } from './evidence.present.ts';
import { latestReadingsInScope, type SignalSummary, summarizeSignal } from './signals.service.ts';

export type { ControlStatus } from './control-status.ts';

export interface ControlStatusView {
  id: string;
  title: string;
  category: string;
  scope: 'dso' | 'practice';
  status: ControlStatus;
  reason: string;
  hipaa: string[];
  csf: string[];
  evidenceCount: number;
  nextExpiry: string | null;
  signals: {
    signal: string;
    value: number | null;
    observedAt: string | null;
    state: 'pass' | 'warn' | 'fail' | 'stale' | 'missing';
  }[];
}

export interface ControlSettingsView {
  ownerUserId: string | null;
  reviewerUserId: string | null;
  notApplicableReason: string | null;
  updatedAt: string | null;
}

export interface ControlDetailView extends ControlStatusView {
  description: string;
  categoryTitle: string;
  hicp: string[];
  cpg: string[];
  evidenceGuidance: string;
  validityDays: number;
  settings: ControlSettingsView;
  signalDetails: SignalSummary[];
  evidence: EvidenceView[];
}

interface Loaded {
  settings: Map<string, Awaited<ReturnType<typeof store.listSettings>>[number]>;
  evidence: store.EvidenceRow[];
  signals: Map<string, SignalSummary>;
}

async function load(deps: ServiceDeps, scope: Scope, controlId?: string): Promise<Loaded> {
  const [settings, evidence, latest, practices] = await Promise.all([
    store.listSettings(deps.db, scope.dsoId),
    store.listEvidenceRows(deps.db, scope.dsoId, {
      practiceIds: scope.practiceIds ?? null,
      ...(controlId === undefined ? {} : { controlId }),
    }),
    latestReadingsInScope(deps, scope),
    store.listPractices(deps.db, scope.dsoId),
  ]);
  const names = new Map(practices.map((p) => [p.id, p.name]));
  const now = deps.clock.now();
  const signals = new Map<string, SignalSummary>();
  for (const [id, readings] of latest) {
    const definition = findSignal(id);
    if (definition !== undefined) signals.set(id, summarizeSignal(definition, readings, names, now));
  }
  return { settings: new Map(settings.map((s) => [s.controlId, s])), evidence, signals };
}

function signalOf(loaded: Loaded, id: string): SignalSummary | undefined {
  const found = loaded.signals.get(id);
  if (found !== undefined) return found;
  const definition = findSignal(id);
  return definition === undefined ? undefined : summarizeSignal(definition, [], new Map(), new Date(0));
}

function statusOf(control: CatalogueControl, loaded: Loaded, now: Date): ControlStatusView {
  const active = loaded.evidence.filter((e) => e.controlId === control.id && e.status === 'active');
  const signals = control.signals.flatMap((id) => {
    const summary = signalOf(loaded, id);
    return summary === undefined ? [] : [summary];
  });
  const { status, reason } = deriveStatus(
    {
      control,
      notApplicableReason: loaded.settings.get(control.id)?.notApplicableReason ?? null,
      evidence: active,
      signals: signals.map((s) => ({ signal: s.id, title: s.title, state: s.state })),
    },
    now,
  );
  const nowIso = now.toISOString();
  const upcoming = active
    .map((e) => e.expiresAt)
    .filter((at): at is string => at !== null && at > nowIso)
    .sort();
  return {
    id: control.id,
    title: control.title,
    category: control.category,
    scope: control.scope,
    status,
    reason,
    hipaa: [...control.hipaa],
    csf: [...control.csf],
    evidenceCount: active.length,
    nextExpiry: upcoming[0] ?? null,
    signals: signals.map((s) => ({ signal: s.id, value: s.value, observedAt: s.observedAt, state: s.state })),
  };
}

/** The status of every catalogue control in the scope, derived now from evidence, signals and settings. */
export async function listControlStatuses(deps: ServiceDeps, scope: Scope): Promise<ControlStatusView[]> {
  const loaded = await load(deps, scope);
  const now = deps.clock.now();
  return controlCatalogue().map((control) => statusOf(control, loaded, now));
}

export interface ListControlsQuery {
  status?: ControlStatus | undefined;
  category?: string | undefined;
  search?: string | undefined;
}

export interface ControlList {
  items: ControlStatusView[];
  /** Counts per status over the controls matching the category and search (not the status filter). */
  counts: Record<ControlStatus, number>;
  categories: { id: string; title: string }[];
}

export async function listControls(
  deps: ServiceDeps,
  scope: Scope,
  query: ListControlsQuery,
): Promise<ControlList> {
  const all = await listControlStatuses(deps, scope);
  const needle = query.search?.trim().toLowerCase() ?? '';
  const matching = all.filter(
    (c) =>
      (query.category === undefined || c.category === query.category) &&
      (needle === '' || c.title.toLowerCase().includes(needle) || c.id.includes(needle)),
  );
  const counts = Object.fromEntries(controlStatuses.map((s) => [s, 0])) as Record<ControlStatus, number>;
  for (const c of matching) counts[c.status] += 1;
  const categories = Object.entries(controlCategories()).map(([id, title]) => ({ id, title }));
  return {
    items: matching.filter((c) => query.status === undefined || c.status === query.status),
    counts,
    categories,
  };
}

function requireControl(id: string): CatalogueControl {
  const control = findControl(id);
  if (control === undefined) throw notFound('Control', id);
  return control;
}

/** One control: catalogue data, status and why, settings, signals and the evidence history (withdrawn included). */
export async function getControl(deps: ServiceDeps, scope: Scope, id: string): Promise<ControlDetailView> {
  const control = requireControl(id);
  const loaded = await load(deps, scope, id);
  const now = deps.clock.now();
  const setting = loaded.settings.get(id);
  const users = await userNames(deps.db, scope.dsoId);
  return {
    ...statusOf(control, loaded, now),
    description: control.description,
    categoryTitle: controlCategories()[control.category] ?? control.category,
    hicp: [...control.hicp],
    cpg: [...control.cpg],
    evidenceGuidance: control.evidence,
    validityDays: control.validityDays,
    settings: {
      ownerUserId: setting?.ownerUserId ?? null,
      reviewerUserId: setting?.reviewerUserId ?? null,
      notApplicableReason: setting?.notApplicableReason ?? null,
      updatedAt: setting?.updatedAt ?? null,
    },
    signalDetails: control.signals.flatMap((s) => {
      const summary = signalOf(loaded, s);
      return summary === undefined ? [] : [summary];
    }),
    evidence: loaded.evidence.map((row) => presentEvidence(row, users, now)),
  };
}

export interface ControlSettingsInput {
  ownerUserId?: string | null | undefined;
  reviewerUserId?: string | null | undefined;
  notApplicableReason?: string | null | undefined;
}

/** Checks that a user id names an active account of the DSO; `field` is named in the error. */
export async function requireUser(
  deps: ServiceDeps,
  dsoId: string,
  userId: string,
  field: string,
): Promise<void> {
  const users = await store.listUsers(deps.db, dsoId);
  if (!users.some((u) => u.id === userId && u.status === 'active')) {
    throw new AppError('VALIDATION_FAILED', `${field}: user "${userId}" was not found.`, [
      { path: [field], code: 'not_found', message: `user "${userId}" was not found` },
    ]);
  }
}

/** Settings are DSO-wide: a practice manager limited to some practices cannot change them. */
export function requireDsoWide(scope: Scope, what: string): void {
  if (scope.practiceIds) {
    throw new AppError('AUTH_FORBIDDEN', `Only DSO-wide roles can change ${what}.`);
  }
}

export async function updateControlSettings(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: ControlSettingsInput,
): Promise<ControlDetailView> {
  requireControl(id);
  requireDsoWide(scope, 'control settings');
  if (input.ownerUserId) await requireUser(deps, scope.dsoId, input.ownerUserId, 'ownerUserId');
  if (input.reviewerUserId) await requireUser(deps, scope.dsoId, input.reviewerUserId, 'reviewerUserId');
  const now = deps.clock.now().toISOString();
  const current = (await store.listSettings(deps.db, scope.dsoId)).find((s) => s.controlId === id);
  const keep = <T>(given: T | undefined, old: T | null | undefined): T | null =>
    given === undefined ? (old ?? null) : given;
  await deps.db.transaction().execute(async (trx) => {
    await store.upsertSetting(trx, {
      dsoId: scope.dsoId,
      controlId: id,
      ownerUserId: keep(input.ownerUserId, current?.ownerUserId),
      reviewerUserId: keep(input.reviewerUserId, current?.reviewerUserId),
      notApplicableReason: keep(input.notApplicableReason, current?.notApplicableReason),
      updatedAt: now,
    });
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action: 'controlSettings.update',
      resourceType: 'control',
      resourceId: id,
      occurredAt: now,
      changedFields: audit.fieldNames(input),
    });
  });
  return getControl(deps, scope, id);
}
