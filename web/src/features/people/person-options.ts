import { jobRoles, personStatuses } from '../../api/types.ts';
import { humanize } from '../../components/format.ts';

export const jobRoleOptions = jobRoles.map((role) => ({
  value: role,
  label: role === 'it' ? 'IT' : humanize(role),
}));
export const personStatusOptions = personStatuses.map((status) => ({
  value: status,
  label: status === 'leave' ? 'On leave' : humanize(status),
}));

export function jobRoleLabel(role: string): string {
  return jobRoleOptions.find((option) => option.value === role)?.label ?? humanize(role);
}
