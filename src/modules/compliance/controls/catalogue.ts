import { z } from 'zod';
import { type FrameworkLibrary, frameworks } from '../frameworks.ts';
import controlsJson from './controls.json' with { type: 'json' };
import signalsJson from './signals.json' with { type: 'json' };

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug');

const controlSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(120),
  description: z.string().min(1),
  category: slug,
  scope: z.enum(['dso', 'practice']),
  hipaa: z.array(z.string().min(1)).min(1),
  csf: z.array(z.string().min(1)).min(1),
  hicp: z.array(z.string().min(1)),
  cpg: z.array(z.string().min(1)),
  evidence: z.string().min(1),
  validityDays: z.number().int().min(1).max(3660),
  signals: z.array(slug),
});

const catalogueSchema = z.strictObject({
  version: z.string().min(1),
  source: z.string().min(1),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  categories: z.record(slug, z.string().min(1)),
  controls: z.array(controlSchema).min(1),
});

const signalSchema = z.strictObject({
  id: slug,
  title: z.string().min(1),
  description: z.string().min(1),
  unit: z.enum(['%', 'count', 'days']),
  /** higher: bigger is better (coverage); lower: smaller is better (counts, rates, ages). */
  direction: z.enum(['higher', 'lower']),
  warnAt: z.number(),
  failAt: z.number(),
  maxAgeDays: z.number().int().min(1),
  controls: z.array(slug).min(1),
});

const signalsSchema = z.strictObject({
  version: z.string().min(1),
  notes: z.string().optional(),
  signals: z.array(signalSchema).min(1),
});

export interface CatalogueControl {
  id: string;
  title: string;
  description: string;
  category: string;
  scope: 'dso' | 'practice';
  hipaa: string[];
  csf: string[];
  hicp: string[];
  cpg: string[];
  evidence: string;
  validityDays: number;
  signals: string[];
}

export type SignalDefinition = z.infer<typeof signalSchema>;

export interface ControlCatalogue {
  readonly version: string;
  readonly categories: Readonly<Record<string, string>>;
  readonly controls: readonly CatalogueControl[];
  readonly signals: readonly SignalDefinition[];
}

/** controls.json or signals.json is malformed or refers to unknown ids; each problem names the control or signal. */
export class ControlCatalogueError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Control catalogue is invalid: ${problems.join('; ')}`);
    this.name = 'ControlCatalogueError';
    this.problems = problems;
  }
}

function parse<T>(file: string, schema: z.ZodType<T>, raw: unknown, problems: string[]): T | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return undefined;
}

function frameworkIdSets(library: FrameworkLibrary) {
  return {
    hipaa: new Set(library.hipaa.items.map((i) => i.id)),
    csf: new Set(library.csf.items.filter((i) => i.kind === 'subcategory').map((i) => i.id)),
    hicp: new Set([
      ...library.hicp.practices.map((p) => p.id),
      ...library.hicp.subPractices.map((s) => s.id),
    ]),
    cpg: new Set(library.cpg.goals.map((g) => g.id)),
  };
}

function checkControls(
  controls: readonly CatalogueControl[],
  categories: Record<string, string>,
  library: FrameworkLibrary,
  problems: string[],
): void {
  const known = frameworkIdSets(library);
  const seen = new Set<string>();
  for (const control of controls) {
    const at = (message: string) => problems.push(`controls.json: "${control.id}": ${message}`);
    if (seen.has(control.id)) at('duplicate id');
    seen.add(control.id);
    if (categories[control.category] === undefined) at(`unknown category "${control.category}"`);
    for (const framework of ['hipaa', 'csf', 'hicp', 'cpg'] as const) {
      for (const id of control[framework]) {
        if (!known[framework].has(id)) at(`unknown ${framework.toUpperCase()} id "${id}"`);
      }
    }
  }
}

function checkSignals(
  controls: readonly CatalogueControl[],
  signals: readonly SignalDefinition[],
  problems: string[],
): void {
  const byId = new Map(controls.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const signal of signals) {
    const at = (message: string) => problems.push(`signals.json: "${signal.id}": ${message}`);
    if (seen.has(signal.id)) at('duplicate id');
    seen.add(signal.id);
    const ordered =
      signal.direction === 'higher' ? signal.failAt <= signal.warnAt : signal.failAt >= signal.warnAt;
    if (!ordered) at(`failAt ${signal.failAt} is on the wrong side of warnAt ${signal.warnAt}`);
    for (const controlId of signal.controls) {
      const control = byId.get(controlId);
      if (control === undefined) at(`unknown control "${controlId}"`);
      else if (!control.signals.includes(signal.id)) at(`control "${controlId}" does not list this signal`);
    }
  }
  for (const control of controls) {
    for (const signalId of control.signals) {
      const signal = signals.find((s) => s.id === signalId);
      if (signal === undefined) problems.push(`controls.json: "${control.id}": unknown signal "${signalId}"`);
      else if (!signal.controls.includes(control.id)) {
        problems.push(`controls.json: "${control.id}": signal "${signalId}" does not list this control`);
      }
    }
  }
}

/** Validates both files and every id they refer to; throws ControlCatalogueError listing each problem. */
export function loadControlCatalogue(
  raw: { controls: unknown; signals: unknown } = { controls: controlsJson, signals: signalsJson },
  library: FrameworkLibrary = frameworks(),
): ControlCatalogue {
  const problems: string[] = [];
  const catalogue = parse('controls.json', catalogueSchema, raw.controls, problems);
  const signalFile = parse('signals.json', signalsSchema, raw.signals, problems);
  if (catalogue === undefined || signalFile === undefined) throw new ControlCatalogueError(problems);
  checkControls(catalogue.controls, catalogue.categories, library, problems);
  checkSignals(catalogue.controls, signalFile.signals, problems);
  if (problems.length > 0) throw new ControlCatalogueError(problems);
  return {
    version: catalogue.version,
    categories: catalogue.categories,
    controls: catalogue.controls,
    signals: signalFile.signals,
  };
}

let cached: ControlCatalogue | undefined;

function bundled(): ControlCatalogue {
  cached ??= loadControlCatalogue();
  return cached;
}

/** Every control a DSO runs, in catalogue order. */
export function controlCatalogue(): readonly CatalogueControl[] {
  return bundled().controls;
}

export function findControl(id: string): CatalogueControl | undefined {
  return bundled().controls.find((c) => c.id === id);
}

/** Category id to its display name. */
export function controlCategories(): Readonly<Record<string, string>> {
  return bundled().categories;
}

/** The live signal definitions (thresholds, maximum age, linked controls). */
export function signalDefinitions(): readonly SignalDefinition[] {
  return bundled().signals;
}

export function findSignal(id: string): SignalDefinition | undefined {
  return bundled().signals.find((s) => s.id === id);
}
