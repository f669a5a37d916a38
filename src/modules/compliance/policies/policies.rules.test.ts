import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './dates.ts';
import { isReminderDue, reviewStatusOf } from './policies.rules.ts';

describe('dates', () => {
  it('adds months with the day clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-02', 12)).toBe('2027-11-02');
    expect(addMonths('2026-11-02', -12)).toBe('2025-11-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-02', '2026-11-09')).toBe(7);
  });
});

describe('policy review status', () => {
  it.each([
    [null, 'not_approved'],
    ['2026-11-01', 'overdue'],
    ['2026-11-02', 'due_soon'],
    ['2026-12-02', 'due_soon'],
    ['2026-12-03', 'current'],
  ] as const)('next review %s on 2026-11-02 is %s', (next, expected) => {
    expect(reviewStatusOf(next, '2026-11-02')).toBe(expected);
  });
});

describe('attestation reminder schedule (due 2026-11-30, invited 2026-11-02)', () => {
  const due = '2026-11-30';
  it.each([
    ['2026-11-22', '2026-11-02', false],
    ['2026-11-23', '2026-11-02', true],
    ['2026-11-25', '2026-11-02', true],
    ['2026-11-25', '2026-11-23', false],
    ['2026-11-29', '2026-11-23', true],
    ['2026-11-29', '2026-11-29', false],
    ['2026-11-30', '2026-11-29', false],
    ['2026-12-01', '2026-11-29', true],
    ['2026-12-07', '2026-12-01', false],
    ['2026-12-08', '2026-12-01', true],
    ['2026-12-15', '2026-12-08', true],
  ] as const)('on %s after contact on %s: %s', (today, last, expected) => {
    expect(isReminderDue(due, today, last)).toBe(expected);
  });

  it('sends nothing early for a campaign created inside the last week', () => {
    expect(isReminderDue('2026-11-05', '2026-11-03', '2026-11-02')).toBe(false);
    expect(isReminderDue('2026-11-05', '2026-11-04', '2026-11-02')).toBe(true);
  });
});
