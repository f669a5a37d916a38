import { z } from 'zod';
import crosswalksJson from './frameworks/crosswalks.json' with { type: 'json' };
import hicpJson from './frameworks/hicp-2023.json' with { type: 'json' };
import hipaaJson from './frameworks/hipaa-security-rule.json' with { type: 'json' };
import cpgJson from './frameworks/hph-cpg.json' with { type: 'json' };
import csfJson from './frameworks/nist-csf-2.0.json' with { type: 'json' };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const cited = { source: z.string().min(1), effectiveDate: isoDate };
const header = {
  framework: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  notes: z.string().optional(),
  ...cited,
};

const hipaaItem = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['standard', 'implementation']),
  parent: z.string().optional(),
  safeguard: z.enum(['administrative', 'physical', 'technical', 'organizational', 'documentation']),
  title: z.string().min(1),
  required: z.boolean().optional(),
  appendixA: z.boolean(),
  nprm2025: z.string().min(1).optional(),
  ...cited,
});
const hipaaSchema = z.strictObject({
  ...header,
  proposedRule: z.strictObject({
    citation: z.string().min(1),
    published: isoDate,
    status: z.enum(['proposed', 'final', 'withdrawn']),
    changes: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1), ...cited })),
  }),
  items: z.array(hipaaItem),
});

const hicpSchema = z.strictObject({
  ...header,
  threats: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1), ...cited })),
  practices: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1), ...cited })),
  subPractices: z.array(
    z.strictObject({
      id: z.string().regex(/^\d+\.[SML]\.[A-Z]$/, 'expected N.S|M|L.X'),
      practice: z.string().min(1),
      size: z.enum(['small', 'medium', 'large']),
      title: z.string().min(1),
      edition: z.string().min(1),
      verified: z.boolean(),
      ...cited,
    }),
  ),
});

const cpgSchema = z.strictObject({
  ...header,
  goals: z.array(
    z.strictObject({
      id: z.string().min(1),
      tier: z.enum(['essential', 'enhanced']),
      order: z.number().int().positive(),
      title: z.string().min(1),
      ...cited,
    }),
  ),
});

const csfSchema = z.strictObject({
  ...header,
  items: z.array(
    z.strictObject({
      id: z.string().min(1),
      kind: z.enum(['function', 'category', 'subcategory']),
      parent: z.string().optional(),
      title: z.string().min(1),
      ...cited,
    }),
  ),
});

const frameworkIds = ['hipaa-security-rule', 'hicp-2023', 'hph-cpg', 'nist-csf-2.0'] as const;
export type FrameworkId = (typeof frameworkIds)[number];

const crosswalksSchema = z.strictObject({
  version: z.string().min(1),
  notes: z.string().optional(),
  crosswalks: z.array(
    z.strictObject({
      id: z.string().min(1),
      from: z.enum(frameworkIds),
      to: z.enum(frameworkIds),
      mappings: z.array(
        z.strictObject({ from: z.string().min(1), to: z.array(z.string().min(1)).min(1), ...cited }),
      ),
    }),
  ),
});

export type HipaaFramework = z.infer<typeof hipaaSchema>;
export type HipaaItem = z.infer<typeof hipaaItem>;
export type HicpFramework = z.infer<typeof hicpSchema>;
export type CpgFramework = z.infer<typeof cpgSchema>;
export type CsfFramework = z.infer<typeof csfSchema>;
export type Crosswalks = z.infer<typeof crosswalksSchema>;

export interface FrameworkLibrary {
  readonly hipaa: HipaaFramework;
  readonly hicp: HicpFramework;
  readonly cpg: CpgFramework;
  readonly csf: CsfFramework;
  readonly crosswalks: Crosswalks;
}

/** The raw file contents, by file name; tests pass broken copies. */
export interface FrameworkFiles {
  readonly 'hipaa-security-rule.json': unknown;
  readonly 'hicp-2023.json': unknown;
  readonly 'hph-cpg.json': unknown;
  readonly 'nist-csf-2.0.json': unknown;
  readonly 'crosswalks.json': unknown;
}

export const bundledFrameworkFiles: FrameworkFiles = {
  'hipaa-security-rule.json': hipaaJson,
  'hicp-2023.json': hicpJson,
  'hph-cpg.json': cpgJson,
  'nist-csf-2.0.json': csfJson,
  'crosswalks.json': crosswalksJson,
};

/** A framework data file is malformed or inconsistent; the message names the file and the item. */
export class FrameworkDataError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Framework data is invalid: ${problems.join('; ')}`);
    this.name = 'FrameworkDataError';
    this.problems = problems;
  }
}

function parse<T>(file: keyof FrameworkFiles, schema: z.ZodType<T>, raw: unknown, problems: string[]): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return undefined as T;
}

/** Records duplicate ids, and answers the set of ids. */
function idSet(
  file: string,
  list: string,
  items: readonly { id: string }[],
  problems: string[],
): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) problems.push(`${file}: ${list}: duplicate id "${item.id}"`);
    ids.add(item.id);
  }
  return ids;
}

function checkParents<T extends { id: string; parent?: string | undefined }>(
  file: string,
  items: readonly T[],
  parentIds: (item: T) => Set<string> | undefined,
  problems: string[],
): void {
  for (const item of items) {
    const allowed = parentIds(item);
    if (allowed === undefined) {
      if (item.parent !== undefined) problems.push(`${file}: "${item.id}": must not have a parent`);
      continue;
    }
    if (item.parent === undefined) problems.push(`${file}: "${item.id}": missing parent`);
    else if (!allowed.has(item.parent))
      problems.push(`${file}: "${item.id}": unknown parent "${item.parent}"`);
  }
}

/** Validates the five framework files and their cross-references; throws FrameworkDataError listing every problem. */
export function loadFrameworks(files: FrameworkFiles = bundledFrameworkFiles): FrameworkLibrary {
  const problems: string[] = [];
  const hipaa = parse('hipaa-security-rule.json', hipaaSchema, files['hipaa-security-rule.json'], problems);
  const hicp = parse('hicp-2023.json', hicpSchema, files['hicp-2023.json'], problems);
  const cpg = parse('hph-cpg.json', cpgSchema, files['hph-cpg.json'], problems);
  const csf = parse('nist-csf-2.0.json', csfSchema, files['nist-csf-2.0.json'], problems);
  const crosswalks = parse('crosswalks.json', crosswalksSchema, files['crosswalks.json'], problems);
  if (problems.length > 0) throw new FrameworkDataError(problems);

  const ids: Record<FrameworkId, Set<string>> = {
    'hipaa-security-rule': idSet('hipaa-security-rule.json', 'items', hipaa.items, problems),
    'hicp-2023': new Set([
      ...idSet('hicp-2023.json', 'practices', hicp.practices, problems),
      ...idSet('hicp-2023.json', 'subPractices', hicp.subPractices, problems),
    ]),
    'hph-cpg': idSet('hph-cpg.json', 'goals', cpg.goals, problems),
    'nist-csf-2.0': idSet('nist-csf-2.0.json', 'items', csf.items, problems),
  };
  idSet('hicp-2023.json', 'threats', hicp.threats, problems);
  idSet('hipaa-security-rule.json', 'proposedRule.changes', hipaa.proposedRule.changes, problems);

  const hipaaStandards = new Set(hipaa.items.filter((i) => i.kind === 'standard').map((i) => i.id));
  checkParents(
    'hipaa-security-rule.json',
    hipaa.items,
    (i) => (i.kind === 'implementation' ? hipaaStandards : undefined),
    problems,
  );
  for (const item of hipaa.items) {
    if (item.kind === 'implementation' && item.required === undefined) {
      problems.push(`hipaa-security-rule.json: "${item.id}": implementation specification needs "required"`);
    }
    if (item.kind === 'standard' && item.required !== undefined) {
      problems.push(
        `hipaa-security-rule.json: "${item.id}": "required" applies to implementation specifications only`,
      );
    }
  }

  const byKind = (kind: string) => new Set(csf.items.filter((i) => i.kind === kind).map((i) => i.id));
  const functions = byKind('function');
  const categories = byKind('category');
  checkParents(
    'nist-csf-2.0.json',
    csf.items,
    (i) => (i.kind === 'category' ? functions : i.kind === 'subcategory' ? categories : undefined),
    problems,
  );

  const practices = new Set(hicp.practices.map((p) => p.id));
  for (const sub of hicp.subPractices) {
    if (!practices.has(sub.practice)) {
      problems.push(`hicp-2023.json: "${sub.id}": unknown practice "${sub.practice}"`);
    }
    const [number, size] = sub.id.split('.');
    if (number !== sub.practice || size !== sub.size[0]?.toUpperCase()) {
      problems.push(
        `hicp-2023.json: "${sub.id}": id does not match practice "${sub.practice}" and size "${sub.size}"`,
      );
    }
  }

  idSet('crosswalks.json', 'crosswalks', crosswalks.crosswalks, problems);
  for (const crosswalk of crosswalks.crosswalks) {
    for (const mapping of crosswalk.mappings) {
      if (!ids[crosswalk.from].has(mapping.from)) {
        problems.push(
          `crosswalks.json: ${crosswalk.id}: "${mapping.from}" is not an id in ${crosswalk.from}`,
        );
      }
      for (const to of mapping.to) {
        if (!ids[crosswalk.to].has(to)) {
          problems.push(
            `crosswalks.json: ${crosswalk.id}: "${mapping.from}" maps to "${to}", which is not an id in ${crosswalk.to}`,
          );
        }
      }
    }
  }
  if (problems.length > 0) throw new FrameworkDataError(problems);
  return { hipaa, hicp, cpg, csf, crosswalks };
}

let cached: FrameworkLibrary | undefined;

/** The bundled library, validated once. */
export function frameworks(): FrameworkLibrary {
  cached ??= loadFrameworks();
  return cached;
}

export interface FrameworkSummary {
  readonly id: FrameworkId;
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly effectiveDate: string;
  readonly counts: Readonly<Record<string, number>>;
}

export interface CrosswalkSummary {
  readonly id: string;
  readonly from: FrameworkId;
  readonly to: FrameworkId;
  readonly mappings: number;
  readonly links: number;
}

const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length;

/** Each framework with its counts. HIPAA counts follow Appendix A (164.308-.312); 164.314/.316 are counted apart. */
export function frameworkSummaries(library: FrameworkLibrary = frameworks()): FrameworkSummary[] {
  const { hipaa, hicp, cpg, csf } = library;
  const inMatrix = hipaa.items.filter((i) => i.appendixA);
  const outside = hipaa.items.filter((i) => !i.appendixA);
  const specs = inMatrix.filter((i) => i.kind === 'implementation');
  const summary = (
    id: FrameworkId,
    data: { name: string; version: string; source: string; effectiveDate: string },
    counts: Record<string, number>,
  ): FrameworkSummary => ({
    id,
    name: data.name,
    version: data.version,
    source: data.source,
    effectiveDate: data.effectiveDate,
    counts,
  });
  return [
    summary('hipaa-security-rule', hipaa, {
      standards: count(inMatrix, (i) => i.kind === 'standard'),
      implementationSpecifications: specs.length,
      required: count(specs, (i) => i.required === true),
      addressable: count(specs, (i) => i.required === false),
      organizationalAndDocumentationStandards: count(outside, (i) => i.kind === 'standard'),
      organizationalAndDocumentationSpecifications: count(outside, (i) => i.kind === 'implementation'),
      proposedRuleChanges: hipaa.proposedRule.changes.length,
    }),
    summary('hicp-2023', hicp, {
      threats: hicp.threats.length,
      practices: hicp.practices.length,
      subPractices: hicp.subPractices.length,
      smallSubPractices: count(hicp.subPractices, (s) => s.size === 'small'),
      mediumSubPractices: count(hicp.subPractices, (s) => s.size === 'medium'),
      largeSubPractices: count(hicp.subPractices, (s) => s.size === 'large'),
    }),
    summary('hph-cpg', cpg, {
      essential: count(cpg.goals, (g) => g.tier === 'essential'),
      enhanced: count(cpg.goals, (g) => g.tier === 'enhanced'),
    }),
    summary('nist-csf-2.0', csf, {
      functions: count(csf.items, (i) => i.kind === 'function'),
      categories: count(csf.items, (i) => i.kind === 'category'),
      subcategories: count(csf.items, (i) => i.kind === 'subcategory'),
    }),
  ];
}

export function crosswalkSummaries(library: FrameworkLibrary = frameworks()): CrosswalkSummary[] {
  return library.crosswalks.crosswalks.map((c) => ({
    id: c.id,
    from: c.from,
    to: c.to,
    mappings: c.mappings.length,
    links: c.mappings.reduce((total, m) => total + m.to.length, 0),
  }));
}
