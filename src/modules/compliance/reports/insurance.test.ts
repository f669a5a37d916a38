import { describe, expect, it } from 'vitest';
import { controlCatalogue, signalDefinitions } from '../controls/catalogue.ts';
import {
  type ControlEvidence,
  deriveInsuranceAnswers,
  type InsuranceQuestion,
  insuranceQuestions,
  type SignalEvidence,
  type VendorEvidence,
} from './insurance.ts';

const question: InsuranceQuestion = {
  id: 'mfa-email',
  topic: 'Multi-factor authentication',
  text: 'MFA on email?',
  controls: ['mfa-email'],
  signals: ['mfa-coverage'],
  toSupportYes: 'Enforce MFA.',
};

const control = (status: ControlEvidence['status']): ControlEvidence => ({
  id: 'mfa-email',
  title: 'MFA on email',
  status,
  reason: `because ${status}`,
  nextExpiry: null,
});

const signal = (state: SignalEvidence['state'], value: number | null = 97): SignalEvidence => ({
  id: 'mfa-coverage',
  title: 'MFA coverage',
  unit: '%',
  value: state === 'missing' ? null : value,
  observedAt: state === 'missing' ? null : '2026-10-30T00:00:00.000Z',
  state,
});

const noVendors: VendorEvidence = { withEphi: 0, signed: 0, missing: [] };

function answer(c: ControlEvidence | undefined, s: SignalEvidence | undefined) {
  const [result] = deriveInsuranceAnswers(
    { controls: c ? [c] : [], signals: s ? [s] : [], vendors: noVendors },
    [question],
  );
  if (!result) throw new Error('no answer');
  return result;
}

describe('cyber-insurance answers from evidence', () => {
  it.each([
    ['ok', 'pass', 'yes', 0, []],
    ['ok', 'warn', 'partly', 1, ['warning']],
    ['stale', 'pass', 'partly', 1, ['warning']],
    ['failing', 'fail', 'no', 2, ['critical', 'critical']],
    ['not_assessed', 'missing', 'unknown', 2, ['warning', 'warning']],
    ['not_assessed', 'pass', 'partly', 1, ['warning']],
    ['ok', 'fail', 'partly', 1, ['critical']],
    ['not_applicable', 'missing', 'unknown', 2, ['warning', 'warning']],
  ] as const)('control %s + signal %s suggests %s', (status, state, suggested, count, severities) => {
    const result = answer(control(status), signal(state));
    expect(result.suggested).toBe(suggested);
    expect(result.warnings).toHaveLength(count);
    expect(result.warnings.map((w) => w.severity)).toEqual(severities);
    expect(result.supported).toBe(suggested === 'yes');
    for (const warning of result.warnings) expect(warning.fix.length).toBeGreaterThan(10);
  });

  it('shows the evidence behind the answer: the control status and the signal value with its date', () => {
    const result = answer(control('stale'), signal('warn', 96.5));
    expect(result.evidence).toEqual([
      {
        kind: 'control',
        id: 'mfa-email',
        title: 'MFA on email',
        status: 'stale',
        reason: 'because stale',
        nextExpiry: null,
      },
      {
        kind: 'signal',
        id: 'mfa-coverage',
        title: 'MFA coverage',
        unit: '%',
        value: 96.5,
        observedAt: '2026-10-30T00:00:00.000Z',
        state: 'warn',
      },
    ]);
    expect(result.warnings[1]?.message).toContain('96.5 % on 2026-10-30');
  });

  it('a control or signal with no data counts as missing, never as a yes', () => {
    const result = answer(undefined, undefined);
    expect(result.suggested).toBe('unknown');
    expect(result.warnings.map((w) => w.message)).toEqual([
      'Control "mfa-email" is not in the control catalogue, so nothing backs this answer.',
      'Signal "mfa-coverage" has no reading.',
    ]);
  });

  it('the BAA question looks at the vendor register', () => {
    const baa: InsuranceQuestion = {
      ...question,
      id: 'vendor-baas',
      controls: [],
      signals: [],
      vendors: true,
    };
    const run = (vendors: VendorEvidence) =>
      deriveInsuranceAnswers({ controls: [], signals: [], vendors }, [baa])[0];
    expect(run({ withEphi: 3, signed: 3, missing: [] })?.suggested).toBe('yes');
    const partly = run({ withEphi: 3, signed: 1, missing: ['Imaging Co', 'Cloud Backup Inc'] });
    expect(partly?.suggested).toBe('partly');
    expect(partly?.warnings[0]).toMatchObject({ severity: 'critical' });
    expect(partly?.warnings[0]?.message).toContain('2 of 3 vendor(s)');
    expect(partly?.warnings[0]?.message).toContain('Imaging Co, Cloud Backup Inc');
    expect(run({ withEphi: 2, signed: 0, missing: ['A', 'B'] })?.suggested).toBe('no');
    expect(run(noVendors)?.suggested).toBe('unknown');
  });

  it('every question maps to controls and signals that exist in the catalogue', () => {
    const controls = new Set(controlCatalogue().map((c) => c.id));
    const signals = new Set(signalDefinitions().map((s) => s.id));
    const { questions } = insuranceQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(12);
    for (const q of questions) {
      for (const id of q.controls) expect(controls, `${q.id} → ${id}`).toContain(id);
      for (const id of q.signals) expect(signals, `${q.id} → ${id}`).toContain(id);
      expect(q.controls.length + q.signals.length + (q.vendors ? 1 : 0)).toBeGreaterThan(0);
    }
  });
});
