import { Badge } from '@mantine/core';
import type { RiskLevel } from '../../api/risks.ts';
import { levelColors, levelLabels } from './risk-labels.ts';

export function RiskLevelBadge({ level }: { level: RiskLevel | null }) {
  if (level === null) {
    return (
      <Badge variant="outline" color="gray">
        Not rated
      </Badge>
    );
  }
  return (
    <Badge color={levelColors[level]} variant={level === 'critical' ? 'filled' : 'light'}>
      {levelLabels[level]}
    </Badge>
  );
}
