import { Badge } from '@mantine/core';
import type { PracticeStatus } from '../../api/types.ts';
import { humanize } from '../../components/format.ts';

const colors: Record<PracticeStatus, string> = { active: 'green', onboarding: 'blue', closed: 'gray' };

export function PracticeStatusBadge({ status }: { status: PracticeStatus }) {
  return (
    <Badge color={colors[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}
