import { describe, expect, it } from 'vitest';
import { questionnaire } from '../questionnaire.ts';
import { threatImpacts, threatsOf, vulnerabilityAssets } from './risk-catalogue.ts';

describe('risk catalogue', () => {
  it('gives every questionnaire vulnerability an asset group and every threat an impact', () => {
    const data = questionnaire();
    expect(data.vulnerabilities.filter((v) => !(v.id in vulnerabilityAssets)).map((v) => v.id)).toEqual([]);
    const threats = new Set(data.vulnerabilities.flatMap((v) => v.threats));
    expect([...threats].filter((t) => !(t in threatImpacts))).toEqual([]);
  });

  it('takes the worst impact of a vulnerability’s threats', () => {
    expect(threatsOf(['casual-disclosure'])).toEqual({ threat: 'Casual disclosure', impact: 'low' });
    expect(threatsOf(['insider-misuse', 'casual-disclosure']).impact).toBe('medium');
    expect(threatsOf(['casual-disclosure', 'ransomware'])).toEqual({
      threat: 'Casual disclosure, Ransomware',
      impact: 'high',
    });
  });
});
