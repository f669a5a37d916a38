import type { PracticeView } from '../../api/types.ts';
import type { Bar } from './bar-chart.tsx';

/** People assigned to practices, summed per state (someone at two practices counts in both). */
export function peoplePerState(practices: PracticeView[]): Bar[] {
  const byState = new Map<string, number>();
  for (const practice of practices) {
    byState.set(practice.state, (byState.get(practice.state) ?? 0) + practice.peopleCount);
  }
  return [...byState.entries()]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, 15);
}

export function practicesPerStatus(practices: PracticeView[]): Bar[] {
  const statuses = ['active', 'onboarding', 'closed'] as const;
  return statuses.map((status) => ({
    label: status.charAt(0).toUpperCase() + status.slice(1),
    value: practices.filter((practice) => practice.status === status).length,
  }));
}

export function countStates(practices: PracticeView[]): number {
  return new Set(practices.filter((practice) => practice.status !== 'closed').map((practice) => practice.state)).size;
}
