import { describe, expect, it } from 'vitest';
import { likelihoodOfScore, rateResidual, rateRisk } from './risk-rating.ts';

describe('rateRisk (SRA Tool 3x3)', () => {
  it.each([
    ['low', 'low', 'low'],
    ['low', 'medium', 'low'],
    ['low', 'high', 'medium'],
    ['medium', 'low', 'low'],
    ['medium', 'medium', 'medium'],
    ['medium', 'high', 'high'],
    ['high', 'low', 'medium'],
    ['high', 'medium', 'high'],
    ['high', 'high', 'critical'],
  ] as const)('likelihood %s x impact %s = %s', (likelihood, impact, level) => {
    expect(rateRisk(likelihood, impact)).toBe(level);
  });

  it('rates the residual the same way, or not at all while half rated', () => {
    expect(rateResidual('high', 'medium')).toBe('high');
    expect(rateResidual(null, 'high')).toBeNull();
    expect(rateResidual('low', null)).toBeNull();
  });

  it('maps questionnaire scores to likelihood', () => {
    expect([1, 2, 3].map(likelihoodOfScore)).toEqual(['low', 'medium', 'high']);
  });
});
