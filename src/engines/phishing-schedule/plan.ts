import { isKnownTimeZone, localParts, zonedInstant } from './zoned-time.ts';

/** Working hours as the practice's clocks show them; days are ISO weekdays, 1 = Monday ... 7 = Sunday. */
export interface BusinessHours {
  readonly start: string;
  readonly end: string;
  readonly days: readonly number[];
}

export interface ScheduleRecipient {
  readonly key: string;
  /** IANA name of the recipient's practice time zone, e.g. America/Chicago. */
  readonly timeZone: string;
}

export interface ScheduleInput {
  readonly recipients: readonly ScheduleRecipient[];
  readonly launchAt: Date;
  /** The end of the window; null sends each zone's share at its first business moment after launch. */
  readonly sendBy: Date | null;
  readonly businessHours: BusinessHours;
  /** A uniform source in [0, 1): the order of recipients comes from it alone. */
  readonly random: () => number;
}

export type ScheduleProblem =
  | 'invalid_business_hours'
  | 'invalid_window'
  | 'unknown_time_zone'
  | 'no_business_minutes';

/** Why a schedule cannot be planned; `timeZone` names the zone at fault when there is one. */
export class ScheduleError extends Error {
  readonly problem: ScheduleProblem;
  readonly timeZone: string | null;

  constructor(problem: ScheduleProblem, message: string, timeZone: string | null = null) {
    super(message);
    this.name = 'ScheduleError';
    this.problem = problem;
    this.timeZone = timeZone;
  }
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
/** How far ahead a launch without a send-by date looks for business hours: any weekly pattern repeats in 7 days. */
const searchDays = 8;

function minuteOfDay(value: string, field: 'start' | 'end'): number {
  if (!clockPattern.test(value)) {
    throw new ScheduleError(
      'invalid_business_hours',
      `Business hours ${field} "${value}" must be a time of day such as 08:00.`,
    );
  }
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function checkHours(hours: BusinessHours): { start: number; end: number; days: ReadonlySet<number> } {
  const start = minuteOfDay(hours.start, 'start');
  const end = minuteOfDay(hours.end, 'end');
  if (end <= start) {
    throw new ScheduleError(
      'invalid_business_hours',
      `Business hours end ${hours.end} must be after their start ${hours.start}.`,
    );
  }
  const badDay = hours.days.find((day) => !Number.isInteger(day) || day < 1 || day > 7);
  if (badDay !== undefined) {
    throw new ScheduleError(
      'invalid_business_hours',
      `Business day ${badDay} is not a weekday number from 1 (Monday) to 7 (Sunday).`,
    );
  }
  return { start, end, days: new Set(hours.days) };
}

/** The business-hours stretches of one zone inside [from, to), in order, each cut to the window. */
function businessIntervals(
  timeZone: string,
  hours: ReturnType<typeof checkHours>,
  from: number,
  to: number,
): Interval[] {
  const first = localParts(from, timeZone);
  const intervals: Interval[] = [];
  for (let offset = 0; ; offset += 1) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + offset));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (zonedInstant(timeZone, year, month, day, 0) >= to) break;
    if (!hours.days.has(date.getUTCDay() || 7)) continue;
    const start = Math.max(from, zonedInstant(timeZone, year, month, day, hours.start));
    const end = Math.min(to, zonedInstant(timeZone, year, month, day, hours.end));
    if (end > start) intervals.push({ start, end });
  }
  return intervals;
}

/** The instant `elapsed` milliseconds of business time into the intervals (elapsed < their total). */
function instantAfter(intervals: readonly Interval[], elapsed: number): number {
  let remaining = elapsed;
  for (const interval of intervals) {
    const length = interval.end - interval.start;
    if (remaining < length) return interval.start + remaining;
    remaining -= length;
  }
  throw new Error('elapsed business time lies past the window');
}

/** Fisher-Yates with the injected source, so a seeded source gives the same order every time. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

function zoneWindow(
  timeZone: string,
  hours: ReturnType<typeof checkHours>,
  launchAt: number,
  sendBy: number | null,
): Interval[] {
  const to = sendBy ?? launchAt + searchDays * 24 * 60 * 60 * 1000;
  const intervals = businessIntervals(timeZone, hours, launchAt, to);
  if (intervals.length === 0) {
    const window = sendBy === null ? 'the week after launch' : 'the window from launch to send-by';
    throw new ScheduleError(
      'no_business_minutes',
      `${timeZone}: ${window} holds no business hours; widen the window or the business days.`,
      timeZone,
    );
  }
  return intervals;
}

/**
 * Plans when each recipient's email goes out: a random order, then each time zone's recipients spread evenly
 * over the business minutes of [launchAt, sendBy] as that zone's clocks show them (DST included), one share
 * apart, starting at a random point of the first share. Without
 * sendBy every recipient of a zone is due at the zone's first business moment at or after launchAt; pacing
 * them is the sender's job.
 *
 * @example
 * planSchedule({
 *   recipients: [{ key: 'm1', timeZone: 'America/Denver' }],
 *   launchAt: new Date('2026-11-02T15:00:00Z'),
 *   sendBy: new Date('2026-11-06T23:00:00Z'),
 *   businessHours: { start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] },
 *   random: seededRandom(7),
 * }).get('m1'); // a Date between 08:00 and 17:00 Mountain time, Monday to Friday
 */
export function planSchedule(input: ScheduleInput): Map<string, Date> {
  const hours = checkHours(input.businessHours);
  const launchAt = input.launchAt.getTime();
  const sendBy = input.sendBy?.getTime() ?? null;
  if (sendBy !== null && sendBy <= launchAt) {
    throw new ScheduleError('invalid_window', 'The send-by time must be after the launch time.');
  }
  const byZone = new Map<string, string[]>();
  for (const recipient of shuffled(input.recipients, input.random)) {
    const keys = byZone.get(recipient.timeZone) ?? [];
    keys.push(recipient.key);
    byZone.set(recipient.timeZone, keys);
  }
  const plan = new Map<string, Date>();
  for (const [timeZone, keys] of byZone) {
    if (!isKnownTimeZone(timeZone)) {
      throw new ScheduleError('unknown_time_zone', `"${timeZone}" is not a known time zone.`, timeZone);
    }
    const intervals = zoneWindow(timeZone, hours, launchAt, sendBy);
    const total = sendBy === null ? 0 : intervals.reduce((sum, i) => sum + i.end - i.start, 0);
    // A random phase per zone keeps zones with the same offset (Denver and Phoenix in winter) from sending at
    // the same instants, and keeps the first send of a window from being predictable.
    const phase = sendBy === null ? 0 : Math.min(input.random(), 0.999_999);
    keys.forEach((key, index) => {
      const elapsed = Math.floor(((index + phase) * total) / keys.length);
      plan.set(key, new Date(instantAfter(intervals, elapsed)));
    });
  }
  return plan;
}

/**
 * A deterministic uniform source in [0, 1) (mulberry32) for tests and reproducible plans; production passes a
 * cryptographic source.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
