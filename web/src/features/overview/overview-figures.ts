import type { SummaryView } from '../../api/types.ts';
import type { Bar } from './bar-chart.tsx';

/** People assigned to open practices, per state (someone at practices in two states counts in both). */
export function peoplePerState(summary: SummaryView): Bar[] {
  return summary.states
    .filter((state) => state.practices > 0)
    .map((state) => ({ label: state.state, value: state.people }))
    .slice(0, 15);
}

export function practicesPerStatus(summary: SummaryView): Bar[] {
  const { active, onboarding, closed } = summary.practices;
  return [
    { label: 'Active', value: active },
    { label: 'Onboarding', value: onboarding },
    { label: 'Closed', value: closed },
  ];
}

export function countStates(summary: SummaryView): number {
  return summary.states.filter((state) => state.practices > 0).length;
}
