import { describe, expect, it } from 'vitest';
import { frameworks } from '../frameworks.ts';
import { fillTemplate, policyTemplates, templatePlaceholders } from './policy-templates.ts';

const required = [
  'security-management',
  'workforce-security',
  'access-control',
  'audit-activity-review',
  'contingency-backup',
  'incident-response',
  'device-media',
  'business-associates',
  'sanctions',
  'awareness-training',
  'passwords-mfa',
  'acceptable-use',
];

const words = (text: string) => text.split(/\s+/).filter((word) => /[A-Za-z0-9]/.test(word)).length;

describe('policy template library', () => {
  const templates = policyTemplates();

  it('has every policy the issue names, once each', () => {
    expect(templates.length).toBeGreaterThanOrEqual(12);
    expect(templates.map((t) => t.id)).toEqual(expect.arrayContaining(required));
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
  });

  it('cites only HIPAA Security Rule ids that exist in the framework library', () => {
    const known = new Set(frameworks().hipaa.items.map((item) => item.id));
    const unknown = templates.flatMap((t) =>
      t.hipaa.filter((id) => !known.has(id)).map((id) => `${t.id}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('names each cited section in the text of its policy', () => {
    for (const template of templates) {
      for (const id of template.hipaa) {
        const section = id.split('(')[0] as string;
        expect([template.id, template.body.includes(section)]).toEqual([template.id, true]);
      }
    }
  });

  it('keeps each policy between 300 and 700 words', () => {
    for (const template of templates) {
      const count = words(template.body);
      expect([template.id, count >= 300 && count <= 700]).toEqual([template.id, true]);
    }
  });

  it('uses only the known placeholders and fills them all', () => {
    const values = { dso_name: 'Bright Smiles Dental', security_official: 'Dana Reyes' };
    for (const template of templates) {
      const used = [...template.body.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]);
      expect(used.every((name) => (templatePlaceholders as readonly string[]).includes(name as string))).toBe(
        true,
      );
      expect(template.body).toContain('{{dso_name}}');
      const filled = fillTemplate(template.body, values);
      expect(filled).not.toContain('{{');
      expect(filled).toContain('Bright Smiles Dental');
    }
  });
});
