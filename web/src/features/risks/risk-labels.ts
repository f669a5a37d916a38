import type { Rating, RiskLevel, RiskState, TaskStatus, Treatment } from '../../api/risks.ts';

export const ratingOptions: { value: Rating; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
];

export const levelLabels: Record<RiskLevel, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Critical red ... low green, as on the SRA Tool's risk matrix. */
export const levelColors: Record<RiskLevel, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'green',
};

export const stateLabels: Record<RiskState, string> = {
  proposed: 'Proposed',
  open: 'Open',
  accepted: 'Accepted',
  acceptance_expired: 'Acceptance expired',
  closed: 'Closed',
};

export const treatmentLabels: Record<Treatment, string> = {
  mitigate: 'Mitigate',
  accept: 'Accept',
  transfer: 'Transfer',
  avoid: 'Avoid',
};

export const taskStatusLabels: Record<TaskStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** The asset groups the register offers; any other text up to 100 characters is accepted too. */
export const assetGroups = [
  'Practice-management server',
  'Imaging workstations',
  'Front-desk and clinical workstations',
  'Laptops and mobile devices',
  'Email accounts',
  'Backups',
  'Network and remote access',
  'Cloud and vendor services',
  'Workforce and accounts',
  'Media and paper records',
  'Offices and facilities',
  'All ePHI systems',
  'Security program',
];
