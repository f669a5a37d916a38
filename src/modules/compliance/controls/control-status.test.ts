import { describe, expect, it } from 'vitest';
import { findControl, findSignal, type SignalDefinition } from './catalogue.ts';
import { deriveStatus, isEvidenceValid } from './control-status.ts';
import { detectEvidenceType } from './file-types.ts';
import { effectiveReading, readingState } from './signal-state.ts';

const control = findControl('mfa-email') ?? expect.fail('mfa-email missing');
const mfa = findSignal('mfa-coverage') as SignalDefinition;
const kev = findSignal('kev-past-due') as SignalDefinition;
const now = new Date('2026-11-02T12:00:00.000Z');
const evidence = { effectiveDate: '2026-10-01', expiresAt: '2026-11-02T12:00:00.000Z' };

describe('evidence validity and control status', () => {
  it('counts evidence until just before expiresAt, and not from before its effective date', () => {
    expect(isEvidenceValid(evidence, new Date(now.getTime() - 1))).toBe(true);
    expect(isEvidenceValid(evidence, now)).toBe(false);
    expect(isEvidenceValid({ effectiveDate: '2026-11-03', expiresAt: null }, now)).toBe(false);
  });

  it.each([
    ['nothing', { evidence: [], signals: [] }, 'not_assessed'],
    [
      'valid evidence',
      { evidence: [{ ...evidence, expiresAt: '2027-01-01T00:00:00.000Z' }], signals: [] },
      'ok',
    ],
    ['only expired evidence', { evidence: [evidence], signals: [] }, 'stale'],
    ['a passing signal', { evidence: [], signals: [{ signal: 'mfa', title: 'MFA', state: 'pass' }] }, 'ok'],
    ['a warning signal', { evidence: [], signals: [{ signal: 'mfa', title: 'MFA', state: 'warn' }] }, 'ok'],
    [
      'a missing signal',
      { evidence: [], signals: [{ signal: 'mfa', title: 'MFA', state: 'missing' }] },
      'not_assessed',
    ],
    [
      'a stale signal beside valid evidence',
      {
        evidence: [{ ...evidence, expiresAt: null }],
        signals: [{ signal: 'mfa', title: 'MFA', state: 'stale' }],
      },
      'stale',
    ],
    [
      'a failing signal beside valid evidence',
      {
        evidence: [{ ...evidence, expiresAt: null }],
        signals: [{ signal: 'mfa', title: 'MFA', state: 'fail' }],
      },
      'failing',
    ],
  ] as const)('%s', (_name, input, expected) => {
    const result = deriveStatus({ control, notApplicableReason: null, ...input }, now);
    expect(result.status).toBe(expected);
    expect(result.reason.length).toBeGreaterThan(0);
  });

  it('is not applicable when a reason is recorded, whatever the evidence', () => {
    const result = deriveStatus(
      { control, notApplicableReason: 'No remote access exists', evidence: [], signals: [] },
      now,
    );
    expect(result).toEqual({ status: 'not_applicable', reason: 'Not applicable: No remote access exists' });
  });
});

describe('signal thresholds', () => {
  const at = (value: number, observedAt = '2026-11-01T00:00:00.000Z') => ({
    practiceId: null,
    value,
    observedAt,
  });

  it.each([
    [mfa, 99, 'pass'],
    [mfa, 98, 'pass'],
    [mfa, 97.9, 'warn'],
    [mfa, 90, 'warn'],
    [mfa, 89.9, 'fail'],
    [kev, 0, 'pass'],
    [kev, 1, 'warn'],
    [kev, 4, 'warn'],
    [kev, 5, 'fail'],
  ] as const)('%s at %s is %s', (definition, value, state) => {
    expect(readingState(definition, at(value), now)).toBe(state);
  });

  it('turns stale once older than the maximum age, and missing without a reading', () => {
    const edge = new Date(now.getTime() - mfa.maxAgeDays * 86_400_000).toISOString();
    expect(readingState(mfa, at(99, edge), now)).toBe('pass');
    expect(readingState(mfa, at(99, new Date(Date.parse(edge) - 1).toISOString()), now)).toBe('stale');
    expect(readingState(mfa, undefined, now)).toBe('missing');
  });

  it('takes the worst practice reading, unless a newer DSO-wide reading replaced it', () => {
    const practice = { practiceId: 'p1', value: 50, observedAt: '2026-10-30T00:00:00.000Z' };
    expect(effectiveReading(mfa, [at(99), practice], now)).toMatchObject({ state: 'pass' });
    const newer = { ...practice, observedAt: '2026-11-02T00:00:00.000Z' };
    expect(effectiveReading(mfa, [at(99), newer], now)).toMatchObject({ state: 'fail', reading: newer });
  });
});

describe('evidence file types', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n');
  it.each([
    ['report.pdf', pdf, 'PDF'],
    ['shot.PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'PNG'],
    ['photo.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'JPEG'],
    ['list.csv', Buffer.from('name,value\na,1\n'), 'CSV'],
    ['notes.txt', Buffer.from('plain words'), 'text'],
    ['mail.eml', Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\nbody'), 'email'],
    [
      'doc.docx',
      Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml word/document.xml')]),
      'Word document',
    ],
  ])('accepts %s', (name, bytes, label) => {
    expect(detectEvidenceType(name, bytes)?.label).toBe(label);
  });
  it.each([
    ['setup.exe', Buffer.from('MZ\x90\0')],
    ['report.pdf', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script>')],
    ['notes.txt', Buffer.from('<html><body>x</body></html>')],
    ['report', pdf],
    ['photo.png', pdf],
    [
      'sheet.xlsx',
      Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml word/x')]),
    ],
  ])('refuses %s when its content does not match', (name, bytes) => {
    expect(detectEvidenceType(name, bytes)).toBeUndefined();
  });
});
