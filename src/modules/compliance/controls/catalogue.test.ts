import { describe, expect, it } from 'vitest';
import { frameworks } from '../frameworks.ts';
import { controlCatalogue, findControl, loadControlCatalogue, signalDefinitions } from './catalogue.ts';
import controlsJson from './controls.json' with { type: 'json' };
import signalsJson from './signals.json' with { type: 'json' };

describe('control catalogue', () => {
  it('has at least 30 controls, each mapped to ids that exist in the framework library', () => {
    const controls = controlCatalogue();
    expect(controls.length).toBeGreaterThanOrEqual(30);
    const library = frameworks();
    const hipaa = new Set(library.hipaa.items.map((i) => i.id));
    const csf = new Set(library.csf.items.map((i) => i.id));
    const hicp = new Set([...library.hicp.practices, ...library.hicp.subPractices].map((i) => i.id));
    const cpg = new Set(library.cpg.goals.map((g) => g.id));
    for (const control of controls) {
      for (const id of control.hipaa) expect(hipaa.has(id), `${control.id}: ${id}`).toBe(true);
      for (const id of control.csf) expect(csf.has(id), `${control.id}: ${id}`).toBe(true);
      for (const id of control.hicp) expect(hicp.has(id), `${control.id}: ${id}`).toBe(true);
      for (const id of control.cpg) expect(cpg.has(id), `${control.id}: ${id}`).toBe(true);
    }
    for (const id of [
      'mfa-email',
      'edr-endpoints',
      'offline-backups',
      'backup-restore-test',
      'baa-register',
    ]) {
      expect(findControl(id)?.id).toBe(id);
    }
    expect(findControl('no-such-control')).toBeUndefined();
  });

  it('links each signal to controls both ways', () => {
    const signals = signalDefinitions();
    expect(signals.map((s) => s.id).sort()).toEqual([
      'backup-restore-test-age',
      'disk-encryption-coverage',
      'edr-coverage',
      'kev-past-due',
      'mfa-coverage',
      'phishing-fail-rate',
      'training-completion',
    ]);
    for (const signal of signals) {
      for (const controlId of signal.controls) expect(findControl(controlId)?.signals).toContain(signal.id);
    }
  });

  it('names every problem of a broken file: unknown framework ids, categories, signals and thresholds', () => {
    const broken = structuredClone(controlsJson);
    const first = broken.controls[0] as (typeof broken.controls)[number];
    first.hipaa = ['164.999(z)'];
    first.csf = ['XX.YY-01'];
    first.category = 'nowhere';
    first.signals = ['mfa-coverage', 'ghost-signal'];
    const signals = structuredClone(signalsJson);
    (signals.signals[0] as { failAt: number }).failAt = 100;
    expect(() => loadControlCatalogue({ controls: broken, signals })).toThrowError(
      expect.objectContaining({
        problems: expect.arrayContaining([
          'controls.json: "mfa-email": unknown category "nowhere"',
          'controls.json: "mfa-email": unknown HIPAA id "164.999(z)"',
          'controls.json: "mfa-email": unknown CSF id "XX.YY-01"',
          'controls.json: "mfa-email": unknown signal "ghost-signal"',
          'signals.json: "mfa-coverage": failAt 100 is on the wrong side of warnAt 98',
        ]),
      }),
    );
    expect(() => loadControlCatalogue({ controls: { controls: [] }, signals })).toThrow(/controls.json/);
  });
});
