import { describe, expect, it } from 'vitest';
import { cli } from '../../../test/harness/cli.ts';
import {
  bundledFrameworkFiles,
  FrameworkDataError,
  type FrameworkFiles,
  frameworkSummaries,
  frameworks,
  loadFrameworks,
} from './frameworks.ts';

const library = frameworks();
const counts = Object.fromEntries(frameworkSummaries().map((s) => [s.id, s.counts]));

describe('framework counts', () => {
  it('HIPAA: Appendix A has 18 standards and 36 specifications, 14 required and 22 addressable', () => {
    // Appendix A to Subpart C covers 164.308-.312 only; the 164.314 and 164.316 standards
    // (2 + 2, with 4 + 3 required specifications) are counted apart.
    expect(counts['hipaa-security-rule']).toEqual({
      standards: 18,
      implementationSpecifications: 36,
      required: 14,
      addressable: 22,
      organizationalAndDocumentationStandards: 4,
      organizationalAndDocumentationSpecifications: 7,
      proposedRuleChanges: 13,
    });
    const outside = library.hipaa.items.filter((i) => !i.appendixA);
    expect(outside.every((i) => /^164\.31[46]/.test(i.id))).toBe(true);
    expect(outside.filter((i) => i.kind === 'implementation').every((i) => i.required)).toBe(true);
  });

  it('HIPAA: per safeguard, as Appendix A tabulates', () => {
    const tally = (safeguard: string) => {
      const items = library.hipaa.items.filter((i) => i.safeguard === safeguard);
      const specs = items.filter((i) => i.kind === 'implementation');
      return [items.length - specs.length, specs.length, specs.filter((i) => i.required).length];
    };
    expect(tally('administrative')).toEqual([9, 21, 10]);
    expect(tally('physical')).toEqual([4, 8, 2]);
    expect(tally('technical')).toEqual([5, 7, 2]);
  });

  it('HIPAA: workforce clearance is addressable (the section text controls) and every addressable item carries the NPRM note', () => {
    const byId = new Map(library.hipaa.items.map((i) => [i.id, i]));
    expect(byId.get('164.308(a)(3)(ii)(B)')?.required).toBe(false);
    for (const item of library.hipaa.items.filter((i) => i.required === false)) {
      expect(item.nprm2025, item.id).toMatch(/required/);
    }
  });

  it('HICP 2023: 5 threats, 10 practices, sub-practices for every size', () => {
    expect(counts['hicp-2023']).toMatchObject({ threats: 5, practices: 10 });
    for (const practice of library.hicp.practices) {
      const sizes = new Set(
        library.hicp.subPractices.filter((s) => s.practice === practice.id).map((s) => s.size),
      );
      expect(sizes.has('small') && sizes.has('medium'), practice.id).toBe(true);
    }
  });

  it('HPH CPG: 10 essential and 10 enhanced goals in HHS order', () => {
    expect(counts['hph-cpg']).toEqual({ essential: 10, enhanced: 10 });
    const essential = library.cpg.goals.filter((g) => g.tier === 'essential');
    expect(essential[0]?.title).toBe('Mitigate Known Vulnerabilities');
    expect(essential.map((g) => g.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(library.cpg.goals.find((g) => g.tier === 'enhanced')?.title).toBe('Asset Inventory');
  });

  it('NIST CSF 2.0: 6 functions, 22 categories, 106 subcategories', () => {
    expect(counts['nist-csf-2.0']).toEqual({ functions: 6, categories: 22, subcategories: 106 });
    const ids = library.csf.items.map((i) => i.id);
    expect(ids).toContain('GV.OC-01');
    expect(ids.at(-1)).toBe('RC.CO-04');
    expect(ids).not.toContain('ID.AM-06');
  });
});

describe('framework data', () => {
  it('every item cites a source and an effective date', () => {
    const all = [
      ...library.hipaa.items,
      ...library.hipaa.proposedRule.changes,
      ...library.hicp.threats,
      ...library.hicp.practices,
      ...library.hicp.subPractices,
      ...library.cpg.goals,
      ...library.csf.items,
      ...library.crosswalks.crosswalks.flatMap((c) => c.mappings),
    ];
    expect(all.length).toBeGreaterThan(300);
    for (const item of all) {
      expect(item.source.length, JSON.stringify(item)).toBeGreaterThan(0);
      expect(item.effectiveDate, JSON.stringify(item)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('every crosswalk id resolves', () => {
    // loadFrameworks() already rejects unknown ids; this pins that the crosswalks are not empty.
    const ids = library.crosswalks.crosswalks.map((c) => c.id);
    expect(ids).toEqual(['hipaa-to-csf', 'cpg-to-hicp']);
    const csfIds = new Set(library.csf.items.map((i) => i.id));
    const hipaa = library.crosswalks.crosswalks[0];
    for (const mapping of hipaa?.mappings ?? []) for (const to of mapping.to) expect(csfIds).toContain(to);
    const cpg = library.crosswalks.crosswalks[1];
    expect(new Set(cpg?.mappings.map((m) => m.from)).size).toBe(20);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: tests break the parsed JSON in place.
const clone = (): Record<keyof FrameworkFiles, any> => structuredClone(bundledFrameworkFiles) as never;

describe('loadFrameworks rejects bad data, naming the file and item', () => {
  const problemsOf = (files: FrameworkFiles): string[] => {
    try {
      loadFrameworks(files);
    } catch (error) {
      if (error instanceof FrameworkDataError) return [...error.problems];
      throw error;
    }
    return [];
  };

  it('an unknown parent', () => {
    const files = clone();
    files['hipaa-security-rule.json'].items[1].parent = '164.308(a)(99)';
    expect(problemsOf(files)).toEqual([
      'hipaa-security-rule.json: "164.308(a)(1)(ii)(A)": unknown parent "164.308(a)(99)"',
    ]);
  });

  it('a duplicate id', () => {
    const files = clone();
    files['nist-csf-2.0.json'].items[8].id = 'GV.RM';
    expect(problemsOf(files)).toContain('nist-csf-2.0.json: items: duplicate id "GV.RM"');
  });

  it('a crosswalk reference to an unknown id', () => {
    const files = clone();
    files['crosswalks.json'].crosswalks[0].mappings[0].to.push('PR.AC-01');
    expect(problemsOf(files)).toEqual([
      'crosswalks.json: hipaa-to-csf: "164.308(a)(1)" maps to "PR.AC-01", which is not an id in nist-csf-2.0',
    ]);
  });

  it('a missing effective date', () => {
    const files = clone();
    delete files['hph-cpg.json'].goals[2].effectiveDate;
    expect(problemsOf(files)).toEqual([expect.stringMatching(/^hph-cpg\.json: goals\.2\.effectiveDate: /)]);
  });
});

describe('enamel compliance frameworks', () => {
  it('--json lists each framework with its counts', async () => {
    const result = await cli(['compliance', 'frameworks', '--json'], {});
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as {
      frameworks: { id: string; counts: Record<string, number>; effectiveDate: string }[];
      crosswalks: { id: string; mappings: number }[];
    };
    expect(body.frameworks.map((f) => f.id)).toEqual([
      'hipaa-security-rule',
      'hicp-2023',
      'hph-cpg',
      'nist-csf-2.0',
    ]);
    expect(body.frameworks[0]?.counts).toMatchObject({
      standards: 18,
      implementationSpecifications: 36,
      required: 14,
      addressable: 22,
    });
    expect(body.frameworks[3]?.counts).toEqual({ functions: 6, categories: 22, subcategories: 106 });
    expect(body.crosswalks.map((c) => c.id)).toEqual(['hipaa-to-csf', 'cpg-to-hicp']);
  });

  it('prints a table without --json', async () => {
    const result = await cli(['compliance', 'frameworks'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^FRAMEWORK\s+EFFECTIVE\s+COUNTS$/m);
    expect(result.stdout).toMatch(
      /^nist-csf-2\.0\s+2024-02-26\s+functions 6, categories 22, subcategories 106$/m,
    );
  });
});
