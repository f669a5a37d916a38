import { Text } from '@mantine/core';
import type { ResultStats } from '../../api/phishing-results.ts';

const width = 560;
const rowHeight = 30;
const labelWidth = 150;

/** Sent → opened → clicked → submitted as bars, reported beside them, scanner events apart (plain SVG). */
export function FunnelChart({ stats }: { stats: ResultStats }) {
  if (stats.recipients === 0) return <Text c="dimmed">No recipient yet.</Text>;
  const rows = [
    { label: 'Sent', value: stats.sent, color: 'var(--mantine-color-blue-6)' },
    { label: 'Opened', value: stats.opened, color: 'var(--mantine-color-yellow-6)' },
    { label: 'Clicked link', value: stats.clicked, color: 'var(--mantine-color-orange-6)' },
    { label: 'Submitted data', value: stats.submitted, color: 'var(--mantine-color-red-7)' },
    { label: 'Reported', value: stats.reported, color: 'var(--mantine-color-green-7)' },
    { label: 'Scanner events', value: stats.automatedEvents, color: 'var(--mantine-color-gray-5)' },
  ];
  const max = Math.max(stats.recipients, 1);
  const barSpace = width - labelWidth - 60;
  const description = rows.map((row) => `${row.label}: ${row.value}`).join('; ');
  return (
    <svg
      viewBox={`0 0 ${width} ${rows.length * rowHeight + 8}`}
      width="100%"
      role="img"
      aria-label={`What recipients did. ${description}`}
    >
      <title>What recipients did</title>
      {rows.map((row, index) => {
        // A gap before the rows kept apart from the funnel: reports and scanner events.
        const y = index * rowHeight + (index >= 4 ? 8 : 0);
        const barWidth = Math.max((row.value / max) * barSpace, row.value > 0 ? 2 : 0);
        return (
          <g key={row.label} transform={`translate(0, ${y})`}>
            <text
              x={labelWidth - 8}
              y={rowHeight / 2}
              dy="0.35em"
              textAnchor="end"
              fontSize="13"
              fill="currentColor"
            >
              {row.label}
            </text>
            <rect x={labelWidth} y={5} width={barWidth} height={rowHeight - 10} rx={3} fill={row.color} />
            <text
              x={labelWidth + barWidth + 6}
              y={rowHeight / 2}
              dy="0.35em"
              fontSize="13"
              fill="currentColor"
            >
              {row.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
