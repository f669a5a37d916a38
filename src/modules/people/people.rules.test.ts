import { describe, expect, it } from 'vitest';
import { parseJobRole } from './people.import.ts';
import { datesProblem, deriveStatus } from './people.rules.ts';

const base = { firstName: 'A', lastName: 'B', email: 'a@b.example', hireDate: '2020-01-01' };

describe('deriveStatus', () => {
  it.each([
    [
      { terminationDate: null, status: undefined },
      { status: 'active', terminationDate: null },
    ],
    [
      { terminationDate: '2026-11-02', status: undefined },
      { status: 'terminated', terminationDate: '2026-11-02' },
    ],
    [
      { terminationDate: '2026-12-31', status: undefined },
      { status: 'active', terminationDate: '2026-12-31' },
    ],
    [
      { terminationDate: null, status: 'terminated' },
      { status: 'terminated', terminationDate: '2026-11-02' },
    ],
    [
      { terminationDate: null, status: 'leave' },
      { status: 'leave', terminationDate: null },
    ],
  ] as const)('%j -> %j', (facts, expected) => {
    expect(deriveStatus({ ...base, ...facts }, '2026-11-02')).toEqual(expected);
  });
  it('names a termination before hire', () => {
    expect(datesProblem('2020-01-02', '2020-01-01')).toContain('before hireDate');
    expect(datesProblem(null, '2020-01-01')).toBeNull();
  });
});

describe('parseJobRole', () => {
  it.each([
    ['hygienist', 'hygienist'],
    ['Front Desk', 'front_desk'],
    ['office-manager', 'office_manager'],
    ['RDH', 'hygienist'],
    ['DMD', 'dentist'],
    ['Receptionist', 'front_desk'],
    ['astronaut', null],
    ['', null],
  ])('%s -> %s', (raw, role) => expect(parseJobRole(raw)).toBe(role));
});
