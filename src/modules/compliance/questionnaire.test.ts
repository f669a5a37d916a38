import { describe, expect, it } from 'vitest';
import { frameworks } from './frameworks.ts';
import questionnaireJson from './questionnaire/questionnaire.json' with { type: 'json' };
import {
  type Answer,
  effectiveAnswer,
  loadQuestionnaire,
  QuestionnaireDataError,
  questionnaire,
  questionnaireSummary,
  type ScopedAnswers,
  validateAnswer,
} from './questionnaire.ts';

const data = questionnaire();
const library = frameworks();

function broken(edit: (raw: typeof questionnaireJson) => void): unknown {
  const raw = structuredClone(questionnaireJson);
  edit(raw);
  return raw;
}

function problemsOf(raw: unknown): readonly string[] {
  try {
    loadQuestionnaire(raw);
  } catch (error) {
    if (error instanceof QuestionnaireDataError) return error.problems;
    throw error;
  }
  return [];
}

describe('questionnaire content', () => {
  it('has at least 100 questions in exactly the seven areas, each with at least 8', () => {
    expect(data.questions.length).toBeGreaterThanOrEqual(100);
    const summary = questionnaireSummary();
    expect(summary.map((a) => a.id)).toEqual([
      'risk-analysis',
      'policies',
      'workforce',
      'technical',
      'physical',
      'business-associates',
      'contingency',
    ]);
    for (const area of summary) expect(area.questions, area.id).toBeGreaterThanOrEqual(8);
    expect(summary.reduce((n, a) => n + a.questions, 0)).toBe(data.questions.length);
  });

  it('covers every Appendix A standard and every implementation specification', () => {
    const cited = new Set(data.questions.flatMap((q) => q.regulation));
    const missing = library.hipaa.items.filter((i) => i.appendixA && !cited.has(i.id)).map((i) => i.id);
    expect(missing).toEqual([]);
    const cover = library.hipaa.items.filter((i) => i.appendixA && i.kind === 'standard');
    expect(cover).toHaveLength(18);
  });

  it('also covers 164.314 and 164.316', () => {
    const cited = new Set(data.questions.flatMap((q) => q.regulation));
    const outside = library.hipaa.items.filter((i) => !i.appendixA && !cited.has(i.id)).map((i) => i.id);
    expect(outside).toEqual([]);
  });

  it('every reference resolves', () => {
    const hipaa = new Set(library.hipaa.items.map((i) => i.id));
    const csf = new Set(library.csf.items.filter((i) => i.kind === 'subcategory').map((i) => i.id));
    const vulns = new Set(data.vulnerabilities.map((v) => v.id));
    const areas = new Set(data.areas.map((a) => a.id));
    for (const q of data.questions) {
      expect(areas.has(q.area), q.id).toBe(true);
      for (const id of q.regulation) expect(hipaa.has(id), `${q.id} ${id}`).toBe(true);
      for (const id of q.csf) expect(csf.has(id), `${q.id} ${id}`).toBe(true);
      for (const o of q.options)
        for (const v of o.vulnerabilities) expect(vulns.has(v), `${q.id} ${v}`).toBe(true);
    }
  });

  it('every question has 3-5 options, a best answer, and guidance on each option', () => {
    for (const q of data.questions) {
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.options.length, q.id).toBeLessThanOrEqual(5);
      expect(q.options.some((o) => o.score === 0 && o.vulnerabilities.length === 0 && !o.notApplicable)).toBe(
        true,
      );
      for (const o of q.options) expect(o.guidance.length, `${q.id} ${o.id}`).toBeGreaterThan(20);
    }
  });

  it('every vulnerability in the catalogue is indicated by some question', () => {
    const used = new Set(data.questions.flatMap((q) => q.options.flatMap((o) => o.vulnerabilities)));
    expect(data.vulnerabilities.filter((v) => !used.has(v.id)).map((v) => v.id)).toEqual([]);
    expect(data.vulnerabilities.length).toBeGreaterThanOrEqual(30);
  });

  it('physical safeguards default to the practice, central IT to the DSO', () => {
    const physical = data.questions.filter((q) => q.area === 'physical');
    expect(physical.every((q) => q.defaultScope === 'practice')).toBe(true);
    const technical = data.questions.filter((q) => q.area === 'technical');
    expect(technical.filter((q) => q.defaultScope === 'dso').length).toBeGreaterThan(technical.length / 2);
  });
});

describe('questionnaire validation', () => {
  it('accepts the bundled file', () => {
    expect(problemsOf(questionnaireJson)).toEqual([]);
  });

  it('names the question for unknown area, vulnerability, HIPAA and CSF ids', () => {
    const problems = problemsOf(
      broken((raw) => {
        const q = raw.questions[0];
        const o = q?.options[1];
        if (q === undefined || o === undefined) throw new Error('fixture');
        q.area = 'nowhere';
        q.regulation = ['164.999(z)'];
        q.csf = ['XX.YY-99'];
        o.vulnerabilities = ['no-such-thing'];
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'RA-01: unknown area "nowhere"',
        'RA-01: unknown HIPAA item "164.999(z)"',
        'RA-01: unknown CSF subcategory "XX.YY-99"',
        'RA-01: option "partial": unknown vulnerability "no-such-thing"',
      ]),
    );
  });

  it('refuses duplicate question ids', () => {
    const problems = problemsOf(
      broken((raw) => {
        const second = raw.questions[1];
        if (second === undefined) throw new Error('fixture');
        second.id = 'RA-01';
      }),
    );
    expect(problems).toContain('questions: duplicate id "RA-01"');
  });

  it('refuses a question without a best answer', () => {
    const problems = problemsOf(
      broken((raw) => {
        const best = raw.questions[2]?.options[0];
        if (best === undefined) throw new Error('fixture');
        best.score = 1;
        best.vulnerabilities = ['no-risk-analysis'];
      }),
    );
    expect(problems).toContain('RA-03: no best answer (an option with score 0 and no vulnerabilities)');
  });

  it('names the question on a schema error', () => {
    const problems = problemsOf(
      broken((raw) => {
        const q = raw.questions[3] as { defaultScope: string } | undefined;
        if (q === undefined) throw new Error('fixture');
        q.defaultScope = 'country';
      }),
    );
    expect(problems[0]).toMatch(/^RA-04: questions\.3\.defaultScope:/);
  });
});

describe('effectiveAnswer inheritance', () => {
  const a = (optionId: string): Answer => ({ questionId: 'TS-02', optionId });
  const answers: ScopedAnswers = {
    dso: a('yes'),
    regions: { west: a('partial') },
    practices: { p1: a('no') },
  };
  it.each([
    ['practice answer wins', { id: 'p1', regionId: 'west' }, 'no', 'practice'],
    ['practice answer wins without a region', { id: 'p1' }, 'no', 'practice'],
    ['region answer when the practice has none', { id: 'p2', regionId: 'west' }, 'partial', 'region'],
    ['DSO answer when region has none', { id: 'p3', regionId: 'east' }, 'yes', 'dso'],
    ['DSO answer when the practice has no region', { id: 'p4' }, 'yes', 'dso'],
  ] as const)('%s', (_name, practice, option, level) => {
    expect(effectiveAnswer(answers, practice)).toEqual({ answer: a(option), level });
  });

  it('region and practice only, no DSO answer', () => {
    const partial: ScopedAnswers = { regions: { west: a('yes') } };
    expect(effectiveAnswer(partial, { id: 'p1', regionId: 'west' })?.level).toBe('region');
    expect(effectiveAnswer(partial, { id: 'p1', regionId: 'east' })).toBeUndefined();
    expect(effectiveAnswer({}, { id: 'p1' })).toBeUndefined();
  });
});

describe('validateAnswer', () => {
  const naQuestion = data.questions.find((q) => q.allowNotApplicable === true);
  const plain = data.questions.find((q) => q.allowNotApplicable !== true);
  if (naQuestion === undefined || plain === undefined) throw new Error('fixture');

  it('refuses not applicable without a justification', () => {
    expect(validateAnswer({ questionId: naQuestion.id, optionId: 'not-applicable' })).toEqual([
      `${naQuestion.id}: not applicable needs a justification of at least 10 characters`,
    ]);
    expect(
      validateAnswer({ questionId: naQuestion.id, optionId: 'not-applicable', justification: '   ' }),
    ).toHaveLength(1);
  });

  it('accepts not applicable with a justification', () => {
    expect(
      validateAnswer({
        questionId: naQuestion.id,
        optionId: 'not-applicable',
        justification: 'We sponsor no group health plan; staff buy cover individually.',
      }),
    ).toEqual([]);
  });

  it('refuses not applicable where the question does not allow it, and unknown ids', () => {
    expect(
      validateAnswer({ questionId: plain.id, optionId: 'not-applicable', justification: 'x'.repeat(20) }),
    ).toEqual([`${plain.id}: unknown option "not-applicable"`]);
    expect(validateAnswer({ questionId: 'ZZ-99', optionId: 'yes' })).toEqual(['unknown question "ZZ-99"']);
    expect(validateAnswer({ questionId: plain.id, optionId: 'yes' })).toEqual([]);
  });
});
