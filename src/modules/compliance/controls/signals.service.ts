import { parse } from 'csv-parse/sync';
import { inPracticeScope, type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { AppError, type ErrorIssue } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { findSignal, type SignalDefinition, signalDefinitions } from './catalogue.ts';
import * as store from './controls.store.ts';
import {
  effectiveReading,
  type Reading,
  readingState,
  type SignalState,
  valueProblem,
} from './signal-state.ts';

export type { SignalState } from './signal-state.ts';

export interface SignalReadingView {
  practiceId: string | null;
  practiceName: string | null;
  value: number;
  observedAt: string;
  source: string;
  state: SignalState;
}

export interface SignalSummary {
  id: string;
  title: string;
  unit: string;
  /** The reading that speaks for the scope (the worst of DSO-wide and per-practice), or null. */
  value: number | null;
  observedAt: string | null;
  state: SignalState;
  controlIds: string[];
  description: string;
  direction: 'higher' | 'lower';
  warnAt: number;
  failAt: number;
  maxAgeDays: number;
  /** The latest DSO-wide reading and each practice's latest reading, in the scope. */
  readings: SignalReadingView[];
}

export interface RecordReadingInput {
  signal: string;
  practiceId?: string | null | undefined;
  value: number;
  observedAt: string;
  source: string;
}

export interface RecordedReading {
  id: string;
  signal: string;
  practiceId: string | null;
  value: number;
  observedAt: string;
  source: string;
  state: SignalState;
}

/** The latest readings of the DSO visible in the scope, by signal. */
export async function latestReadingsInScope(
  deps: ServiceDeps,
  scope: Scope,
): Promise<Map<string, store.SignalReadingRow[]>> {
  const rows = await store.latestReadings(deps.db, scope.dsoId);
  const bySignal = new Map<string, store.SignalReadingRow[]>();
  for (const row of rows) {
    if (row.practiceId !== null && !inPracticeScope(scope, row.practiceId)) continue;
    const list = bySignal.get(row.signal) ?? [];
    list.push(row);
    bySignal.set(row.signal, list);
  }
  return bySignal;
}

export function summarizeSignal(
  definition: SignalDefinition,
  latest: readonly store.SignalReadingRow[],
  practiceNames: ReadonlyMap<string, string>,
  now: Date,
): SignalSummary {
  const { reading, state } = effectiveReading(definition, latest, now);
  const readings = [...latest]
    .sort((a, b) =>
      a.practiceId === null
        ? -1
        : b.practiceId === null
          ? 1
          : (practiceNames.get(a.practiceId) ?? '').localeCompare(practiceNames.get(b.practiceId) ?? ''),
    )
    .map((r) => ({
      practiceId: r.practiceId,
      practiceName: r.practiceId === null ? null : (practiceNames.get(r.practiceId) ?? null),
      value: r.value,
      observedAt: r.observedAt,
      source: r.source,
      state: readingState(definition, r, now),
    }));
  return {
    id: definition.id,
    title: definition.title,
    unit: definition.unit,
    value: reading?.value ?? null,
    observedAt: reading?.observedAt ?? null,
    state,
    controlIds: [...definition.controls],
    description: definition.description,
    direction: definition.direction,
    warnAt: definition.warnAt,
    failAt: definition.failAt,
    maxAgeDays: definition.maxAgeDays,
    readings,
  };
}

/** Every signal definition with its latest values and state, as of `deps.clock`. */
export async function latestSignals(deps: ServiceDeps, scope: Scope): Promise<SignalSummary[]> {
  const [latest, practices] = await Promise.all([
    latestReadingsInScope(deps, scope),
    store.listPractices(deps.db, scope.dsoId),
  ]);
  const names = new Map(practices.map((p) => [p.id, p.name]));
  const now = deps.clock.now();
  return signalDefinitions().map((d) => summarizeSignal(d, latest.get(d.id) ?? [], names, now));
}

interface Located {
  readonly input: RecordReadingInput;
  /** Where each field came from, for issues: JSON paths or CSV line and column. */
  readonly at: (field: keyof RecordReadingInput | 'practice') => Pick<ErrorIssue, 'path' | 'line' | 'column'>;
}

function checkReading(
  item: Located,
  scope: Scope,
  practiceIds: ReadonlySet<string>,
  now: Date,
  issues: ErrorIssue[],
): void {
  const { input, at } = item;
  const problem = (field: keyof RecordReadingInput | 'practice', code: string, message: string) =>
    issues.push({ ...at(field), code, message });
  const definition = findSignal(input.signal);
  if (definition === undefined) {
    problem('signal', 'unknown_signal', `signal "${input.signal}" is not a known signal`);
  } else {
    const wrong = valueProblem(definition, input.value);
    if (wrong !== undefined) problem('value', 'out_of_range', `value ${input.value} ${wrong}`);
  }
  const practiceId = input.practiceId ?? null;
  if (practiceId !== null && (!practiceIds.has(practiceId) || !inPracticeScope(scope, practiceId))) {
    problem('practiceId', 'not_found', `practice "${practiceId}" was not found`);
  }
  const observed = Date.parse(input.observedAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.observedAt) || Number.isNaN(observed)) {
    problem(
      'observedAt',
      'invalid_date',
      'observedAt must be an ISO 8601 date-time such as 2026-11-02T09:00:00Z',
    );
  } else if (observed > now.getTime()) {
    problem('observedAt', 'in_future', `observedAt ${input.observedAt} is in the future`);
  }
}

async function writeReadings(
  deps: ServiceDeps,
  scope: Scope,
  items: readonly Located[],
  failure: (issues: ErrorIssue[]) => AppError,
  action: string,
  priorIssues: readonly ErrorIssue[] = [],
): Promise<RecordedReading[]> {
  const now = deps.clock.now();
  const practices = await store.listPractices(deps.db, scope.dsoId);
  const practiceIds = new Set(practices.map((p) => p.id));
  const issues: ErrorIssue[] = [...priorIssues];
  for (const item of items) checkReading(item, scope, practiceIds, now, issues);
  if (issues.length > 0) throw failure(issues);
  const actor = scope.actor ?? systemActor;
  const createdAt = now.toISOString();
  const rows: store.SignalReadingRow[] = items.map(({ input }) => ({
    id: newId(),
    dsoId: scope.dsoId,
    signal: input.signal,
    practiceId: input.practiceId ?? null,
    value: input.value,
    observedAt: new Date(input.observedAt).toISOString(),
    source: input.source,
    recordedBy: actor.id ?? actor.label,
    createdAt,
  }));
  await deps.db.transaction().execute(async (trx) => {
    await store.insertReadings(trx, rows);
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor,
      action,
      resourceType: 'signalReading',
      resourceId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
      occurredAt: createdAt,
      changedFields: ['observedAt', 'practiceId', 'signal', 'source', 'value'],
      detail: { readings: rows.length },
    });
  });
  return rows.map((row) => {
    const definition = findSignal(row.signal);
    const state = definition === undefined ? 'missing' : readingState(definition, row as Reading, now);
    return {
      id: row.id,
      signal: row.signal,
      practiceId: row.practiceId,
      value: row.value,
      observedAt: row.observedAt,
      source: row.source,
      state,
    };
  });
}

function validationFailure(issues: ErrorIssue[]): AppError {
  const first = issues[0]?.message ?? 'The readings are invalid.';
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new AppError('VALIDATION_FAILED', `${first}${more}`, issues);
}

/** Records one reading (manual entry or another capability's feed). */
export async function recordSignalReading(
  deps: ServiceDeps,
  scope: Scope,
  input: RecordReadingInput,
): Promise<RecordedReading> {
  const [recorded] = await recordSignalReadings(deps, scope, [input], false);
  if (recorded === undefined) throw new Error('recordSignalReadings returned no reading');
  return recorded;
}

/** Records several readings at once: all are checked, none is written unless all pass. */
export async function recordSignalReadings(
  deps: ServiceDeps,
  scope: Scope,
  inputs: readonly RecordReadingInput[],
  indexed = true,
): Promise<RecordedReading[]> {
  const items = inputs.map((input, index) => ({
    input,
    at: (field: string) => ({ path: indexed ? ['readings', index, field] : [field] }),
  }));
  return writeReadings(deps, scope, items, validationFailure, 'signalReadings.record');
}

export const importColumns = ['signal', 'practice', 'value', 'observedAt'] as const;

/** The most data rows one import accepts. */
export const maxImportRows = 20_000;

/**
 * Imports readings from CSV `signal,practice,value,observedAt` (practice: empty for DSO-wide, a practice id or
 * its exact name). All or nothing: every problem is reported by line and column (IMPORT_INVALID).
 */
export async function importSignalReadings(
  deps: ServiceDeps,
  scope: Scope,
  csv: string,
): Promise<{ imported: number; readings: RecordedReading[] }> {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('IMPORT_INVALID', 'The file is not valid CSV.', [
      { line: 1, code: 'csv_invalid', message },
    ]);
  }
  const [header, ...rows] = records;
  const headerIssues = checkHeader(header);
  if (headerIssues.length > 0) throw importFailure(headerIssues);
  if (rows.length === 0)
    throw importFailure([{ line: 2, code: 'empty', message: 'The file has no readings.' }]);
  if (rows.length > maxImportRows) {
    throw importFailure([
      { line: maxImportRows + 2, code: 'too_many', message: `At most ${maxImportRows} rows.` },
    ]);
  }
  const practices = await store.listPractices(deps.db, scope.dsoId);
  const issues: ErrorIssue[] = [];
  const items: Located[] = [];
  rows.forEach((cells, index) => {
    const line = index + 2;
    const item = csvReading(cells, line, practices, issues);
    if (item !== undefined) items.push(item);
  });
  const readings = await writeReadings(deps, scope, items, importFailure, 'signalReadings.import', issues);
  return { imported: readings.length, readings };
}

function checkHeader(header: string[] | undefined): ErrorIssue[] {
  const got = (header ?? []).map((h) => h.trim());
  return importColumns
    .map((column, i) => ({ column, i }))
    .filter(({ column, i }) => got[i] !== column)
    .map(({ column, i }) => ({
      line: 1,
      column: i + 1,
      code: 'header',
      message: `column ${i + 1} must be "${column}"${got[i] === undefined ? '' : `, not "${got[i]}"`}`,
    }));
}

function csvReading(
  cells: string[],
  line: number,
  practices: readonly { id: string; name: string }[],
  issues: ErrorIssue[],
): Located | undefined {
  const column = (field: string) => {
    const name = field === 'practiceId' ? 'practice' : field;
    return { line, column: name };
  };
  const [signal = '', practice = '', valueText = '', observedAt = ''] = cells;
  let broken = false;
  const value = Number(valueText);
  if (valueText === '' || !Number.isFinite(value)) {
    issues.push({
      ...column('value'),
      code: 'invalid_number',
      message: `value "${valueText}" is not a number`,
    });
    broken = true;
  }
  let practiceId: string | null = null;
  if (practice !== '') {
    const found = practices.find((p) => p.id === practice) ?? practices.filter((p) => p.name === practice);
    if (Array.isArray(found)) {
      if (found.length === 1) practiceId = found[0]?.id ?? null;
      else {
        const why = found.length === 0 ? 'was not found' : 'matches several practices; use its id';
        issues.push({ ...column('practice'), code: 'not_found', message: `practice "${practice}" ${why}` });
        broken = true;
      }
    } else practiceId = found.id;
  }
  // A broken line is still checked field by field so every problem of the line is reported.
  const checkedValue = broken && !Number.isFinite(value) ? 0 : value;
  return { input: { signal, practiceId, value: checkedValue, observedAt, source: 'csv' }, at: column };
}

function importFailure(issues: ErrorIssue[]): AppError {
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return new AppError(
    'IMPORT_INVALID',
    `The signal import has ${sorted.length} problem${sorted.length === 1 ? '' : 's'}; nothing was imported.`,
    sorted,
  );
}
