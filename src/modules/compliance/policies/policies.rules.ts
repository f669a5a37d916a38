import { addDays, daysBetween } from './dates.ts';
import type { ReviewStatus } from './policies.schema.ts';

/** A policy is due soon this many days before its next review date. */
export const reviewSoonDays = 30;

/** Where a policy stands against its review cycle (164.316(b)(2)(iii): review periodically). */
export function reviewStatusOf(nextReviewDate: string | null, today: string): ReviewStatus {
  if (nextReviewDate === null) return 'not_approved';
  if (nextReviewDate < today) return 'overdue';
  return daysBetween(today, nextReviewDate) <= reviewSoonDays ? 'due_soon' : 'current';
}

/**
 * Whether a pending person should be reminded today. Reminders fall 7 days and 1 day before the due date,
 * then weekly once overdue (due + 1, due + 8, ...). One is sent when the latest such day on or before today
 * is after the last contact (the invitation or the previous reminder), and never twice on the same day.
 */
export function isReminderDue(dueDate: string, today: string, lastContactDate: string): boolean {
  if (lastContactDate >= today) return false;
  const milestone = latestMilestone(dueDate, today);
  return milestone !== null && milestone > lastContactDate;
}

function latestMilestone(dueDate: string, today: string): string | null {
  const overdueBy = daysBetween(dueDate, today);
  if (overdueBy >= 1) return addDays(dueDate, 1 + Math.floor((overdueBy - 1) / 7) * 7);
  if (overdueBy >= -1) return addDays(dueDate, -1);
  if (overdueBy >= -7) return addDays(dueDate, -7);
  return null;
}
