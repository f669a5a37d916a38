import { Badge } from '@mantine/core';
import type { PersonStatus } from '../../api/types.ts';

const looks: Record<PersonStatus, { color: string; label: string }> = {
  active: { color: 'green', label: 'Active' },
  leave: { color: 'yellow', label: 'On leave' },
  terminated: { color: 'red', label: 'Terminated' },
};

export function PersonStatusBadge({ status }: { status: PersonStatus }) {
  const look = looks[status];
  return (
    <Badge color={look.color} variant="light">
      {look.label}
    </Badge>
  );
}
