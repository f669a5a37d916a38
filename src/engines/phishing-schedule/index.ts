/**
 * The phishing-schedule engine: when each simulation email of a campaign goes out, spread over business hours
 * in each practice's own time zone. Pure: the caller passes the clock's reading and the random source.
 *
 * @example
 * import { planSchedule, seededRandom } from '../engines/phishing-schedule/index.ts';
 * const plan = planSchedule({ recipients, launchAt, sendBy, businessHours, random: seededRandom(1) });
 */
export {
  type BusinessHours,
  planSchedule,
  ScheduleError,
  type ScheduleInput,
  type ScheduleProblem,
  type ScheduleRecipient,
  seededRandom,
} from './plan.ts';
export { isKnownTimeZone, localParts, offsetAt, zonedInstant } from './zoned-time.ts';
