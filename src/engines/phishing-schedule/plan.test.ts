import { describe, expect, it } from 'vitest';
import { type BusinessHours, planSchedule, ScheduleError, seededRandom } from './plan.ts';
import { localParts, zonedInstant } from './zoned-time.ts';

const weekdays: BusinessHours = { start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const zones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'Pacific/Honolulu',
] as const;

function recipients(count: number, timeZone: string, prefix = timeZone) {
  return Array.from({ length: count }, (_, i) => ({ key: `${prefix}#${i}`, timeZone }));
}

/** Wall-clock minute of day and ISO weekday of an instant in a zone. */
function wall(instant: Date, timeZone: string) {
  const p = localParts(instant.getTime(), timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7;
  return { minute: p.hour * 60 + p.minute, weekday, date: `${p.month}-${p.day}` };
}

describe('zonedInstant', () => {
  it.each([
    // Standard and daylight time on both sides of the 2026 changes (8 March, 1 November).
    ['America/New_York', 2026, 11, 2, 8 * 60, '2026-11-02T13:00:00.000Z'],
    ['America/New_York', 2026, 10, 30, 8 * 60, '2026-10-30T12:00:00.000Z'],
    ['America/Chicago', 2026, 3, 9, 8 * 60, '2026-03-09T13:00:00.000Z'],
    ['America/Chicago', 2026, 3, 6, 8 * 60, '2026-03-06T14:00:00.000Z'],
    ['America/Denver', 2026, 7, 1, 17 * 60, '2026-07-01T23:00:00.000Z'],
    // Arizona keeps standard time all year.
    ['America/Phoenix', 2026, 7, 1, 8 * 60, '2026-07-01T15:00:00.000Z'],
    ['America/Phoenix', 2026, 12, 1, 8 * 60, '2026-12-01T15:00:00.000Z'],
    ['America/Los_Angeles', 2026, 11, 2, 8 * 60, '2026-11-02T16:00:00.000Z'],
    ['Pacific/Honolulu', 2026, 11, 2, 8 * 60, '2026-11-02T18:00:00.000Z'],
    // 02:30 does not exist on 8 March 2026 in New York: it resolves to 03:30 daylight time.
    ['America/New_York', 2026, 3, 8, 2 * 60 + 30, '2026-03-08T07:30:00.000Z'],
    // 01:30 happens twice on 1 November 2026: the first (daylight) one.
    ['America/New_York', 2026, 11, 1, 60 + 30, '2026-11-01T05:30:00.000Z'],
  ])('%s %i-%i-%i minute %i -> %s', (zone, y, m, d, minute, expected) => {
    expect(new Date(zonedInstant(zone, y, m, d, minute)).toISOString()).toBe(expected);
  });
});

describe('planSchedule', () => {
  // Monday 2 November 2026 12:00 UTC (07:00 in New York) to Friday 6 November 2026 23:59 UTC.
  const launchAt = new Date('2026-11-02T12:00:00.000Z');
  const sendBy = new Date('2026-11-06T23:59:00.000Z');

  it('puts every recipient of every zone inside its own business hours and the window', () => {
    const all = zones.flatMap((zone) => recipients(50, zone));
    const plan = planSchedule({
      recipients: all,
      launchAt,
      sendBy,
      businessHours: weekdays,
      random: seededRandom(42),
    });
    expect(plan.size).toBe(all.length);
    for (const recipient of all) {
      const at = plan.get(recipient.key) as Date;
      expect(at.getTime()).toBeGreaterThanOrEqual(launchAt.getTime());
      expect(at.getTime()).toBeLessThanOrEqual(sendBy.getTime());
      const local = wall(at, recipient.timeZone);
      expect([recipient.key, local.weekday <= 5]).toEqual([recipient.key, true]);
      expect(local.minute).toBeGreaterThanOrEqual(8 * 60);
      expect(local.minute).toBeLessThan(17 * 60);
    }
  });

  it('spreads a zone evenly: consecutive sends are one share of the business minutes apart', () => {
    // Honolulu: 08:00-17:00 Monday to Friday is 18:00-03:00 UTC; Friday's ends at 23:59 UTC by sendBy.
    const plan = planSchedule({
      recipients: recipients(10, 'Pacific/Honolulu'),
      launchAt,
      sendBy,
      businessHours: weekdays,
      random: seededRandom(1),
    });
    const times = [...plan.values()].map((d) => d.getTime()).sort((a, b) => a - b);
    // Monday to Thursday 4 x 9 h, Friday 08:00-13:59 local (6 h less 1 minute): 41 h 59 min in all.
    const share = ((41 * 60 + 59) * 60_000) / 10;
    const opening = Date.parse('2026-11-02T18:00:00.000Z');
    expect(times[0]).toBeGreaterThanOrEqual(opening);
    expect(times[0]).toBeLessThan(opening + share);
    const gapsInside = times.slice(1).map((t, i) => t - (times[i] as number));
    // Within one day the gap is exactly a share; across a night it is a share plus the 15 closed hours.
    for (const gap of gapsInside) {
      expect([share, share + 15 * 3_600_000]).toContainEqual(Math.round(gap / 1000) * 1000);
    }
  });

  it('gives zones with the same offset different instants', () => {
    const plan = planSchedule({
      recipients: [...recipients(5, 'America/Denver'), ...recipients(5, 'America/Phoenix')],
      launchAt,
      sendBy,
      businessHours: weekdays,
      random: seededRandom(2),
    });
    expect(new Set([...plan.values()].map((d) => d.getTime())).size).toBe(10);
  });

  it('orders recipients at random from the injected source, reproducibly', () => {
    const input = {
      recipients: recipients(30, 'America/Chicago'),
      launchAt,
      sendBy,
      businessHours: weekdays,
    };
    const order = (seed: number) =>
      [...planSchedule({ ...input, random: seededRandom(seed) }).entries()]
        .sort(([, a], [, b]) => a.getTime() - b.getTime())
        .map(([key]) => key);
    expect(order(7)).toEqual(order(7));
    expect(order(7)).not.toEqual(order(8));
    expect(order(7)).not.toEqual(input.recipients.map((r) => r.key));
    expect([...order(7)].sort()).toEqual(input.recipients.map((r) => r.key).sort());
  });

  it('follows the zone across a DST change: 08:00 local before and after the fall-back', () => {
    // Friday 30 October to Monday 2 November 2026 in Denver; clocks fall back on Sunday 1 November.
    const plan = planSchedule({
      recipients: recipients(2, 'America/Denver'),
      launchAt: new Date('2026-10-30T23:00:00.000Z'),
      sendBy: new Date('2026-11-03T00:00:00.000Z'),
      businessHours: { start: '08:00', end: '17:00', days: [1, 5] },
      random: seededRandom(3),
    });
    // Friday 17:00 MDT is 23:00 UTC, so only Monday 2 November (MST, UTC-7) is open: 15:00-00:00 UTC, 9 hours
    // shared by two.
    const [first, second] = [...plan.values()].map((d) => d.getTime()).sort((a, b) => a - b) as [
      number,
      number,
    ];
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-11-02T15:00:00.000Z'));
    expect(first).toBeLessThan(Date.parse('2026-11-02T19:30:00.000Z'));
    expect(second - first).toBe(4.5 * 3_600_000);
  });

  it('keeps 08:00 local on each side of the spring-forward change', () => {
    const plan = planSchedule({
      recipients: recipients(1, 'America/Los_Angeles', 'before'),
      launchAt: new Date('2026-03-06T02:00:00.000Z'), // Thursday 18:00 PST
      sendBy: null,
      businessHours: weekdays,
      random: seededRandom(3),
    });
    const after = planSchedule({
      recipients: recipients(1, 'America/Los_Angeles', 'after'),
      launchAt: new Date('2026-03-07T02:00:00.000Z'), // Friday 18:00 PST
      sendBy: null,
      businessHours: weekdays,
      random: seededRandom(3),
    });
    expect(plan.get('before#0')?.toISOString()).toBe('2026-03-06T16:00:00.000Z');
    // After Friday's close, the first business moment is Monday 9 March 08:00 PDT (UTC-7).
    expect(after.get('after#0')?.toISOString()).toBe('2026-03-09T15:00:00.000Z');
  });

  it('without a send-by time, sends each zone at its first business moment at or after launch', () => {
    const plan = planSchedule({
      recipients: [...recipients(3, 'America/New_York'), ...recipients(2, 'America/Phoenix')],
      launchAt: new Date('2026-11-02T14:20:00.000Z'),
      sendBy: null,
      businessHours: weekdays,
      random: seededRandom(9),
    });
    // New York is open at 09:20 local; Phoenix opens at 08:00 MST = 15:00 UTC.
    expect(plan.get('America/New_York#0')?.toISOString()).toBe('2026-11-02T14:20:00.000Z');
    expect(plan.get('America/New_York#2')?.toISOString()).toBe('2026-11-02T14:20:00.000Z');
    expect(plan.get('America/Phoenix#1')?.toISOString()).toBe('2026-11-02T15:00:00.000Z');
  });

  it('names the zone whose window has no business minutes', () => {
    // 12:00-15:00 UTC is 07:00-10:00 in New York but 02:00-05:00 in Honolulu.
    const run = () =>
      planSchedule({
        recipients: [...recipients(1, 'America/New_York'), ...recipients(1, 'Pacific/Honolulu')],
        launchAt: new Date('2026-11-02T12:00:00.000Z'),
        sendBy: new Date('2026-11-02T15:00:00.000Z'),
        businessHours: weekdays,
        random: seededRandom(1),
      });
    expect(run).toThrow(ScheduleError);
    expect(run).toThrow(/^Pacific\/Honolulu: the window from launch to send-by holds no business hours/);
  });

  it.each([
    [{ ...weekdays, start: '8am' }, 'invalid_business_hours', 'Business hours start "8am"'],
    [{ ...weekdays, end: '07:00' }, 'invalid_business_hours', 'end 07:00 must be after'],
    [{ ...weekdays, days: [0] }, 'invalid_business_hours', 'Business day 0'],
    [{ ...weekdays, days: [] }, 'no_business_minutes', 'America/Chicago: the week after launch'],
  ])('refuses %j with %s', (businessHours, problem, message) => {
    let caught: unknown;
    try {
      planSchedule({
        recipients: recipients(1, 'America/Chicago'),
        launchAt,
        sendBy: null,
        businessHours,
        random: seededRandom(1),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleError);
    expect((caught as ScheduleError).problem).toBe(problem);
    expect((caught as ScheduleError).message).toContain(message);
  });

  it('refuses a send-by time before launch and an unknown zone', () => {
    const base = { launchAt, businessHours: weekdays, random: seededRandom(1) };
    expect(() =>
      planSchedule({ ...base, recipients: recipients(1, 'America/Chicago'), sendBy: launchAt }),
    ).toThrow('The send-by time must be after the launch time.');
    expect(() =>
      planSchedule({ ...base, recipients: recipients(1, 'Mars/Olympus_Mons'), sendBy: null }),
    ).toThrow('"Mars/Olympus_Mons" is not a known time zone.');
  });

  it('plans 20,000 recipients quickly', () => {
    const all = zones.flatMap((zone) => recipients(3334, zone)).slice(0, 20_000);
    const started = performance.now();
    const plan = planSchedule({
      recipients: all,
      launchAt,
      sendBy: new Date('2026-11-30T00:00:00.000Z'),
      businessHours: weekdays,
      random: seededRandom(5),
    });
    expect(plan.size).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
