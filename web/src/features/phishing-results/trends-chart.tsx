import { Text } from '@mantine/core';
import type { TrendPoint } from '../../api/phishing-results.ts';

const width = 560;
const height = 200;
const pad = { left: 36, right: 12, top: 12, bottom: 28 };

/** Fail rate (red) and report rate (green) per campaign, by launch date, as an SVG line chart. */
export function TrendsChart({ points }: { points: TrendPoint[] }) {
  const shown = points.filter((p) => p.sent > 0);
  if (shown.length === 0) return <Text c="dimmed">No launched campaign yet.</Text>;
  const innerWidth = width - pad.left - pad.right;
  const innerHeight = height - pad.top - pad.bottom;
  const x = (index: number) =>
    pad.left + (shown.length === 1 ? innerWidth / 2 : (index * innerWidth) / (shown.length - 1));
  const y = (rate: number | null) => pad.top + innerHeight - ((rate ?? 0) / 100) * innerHeight;
  const line = (pick: (p: TrendPoint) => number | null) =>
    shown.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
  const description = shown
    .map(
      (p) => `${p.name} (${p.launchAt.slice(0, 10)}): fail ${p.failRate ?? 0}%, report ${p.reportRate ?? 0}%`,
    )
    .join('; ');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`Trends. ${description}`}>
      <title>Fail rate and report rate per campaign</title>
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick}>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke="var(--mantine-color-gray-3)"
          />
          <text x={pad.left - 6} y={y(tick)} dy="0.35em" textAnchor="end" fontSize="11" fill="currentColor">
            {tick}%
          </text>
        </g>
      ))}
      <path d={line((p) => p.failRate)} fill="none" stroke="var(--mantine-color-red-6)" strokeWidth={2} />
      <path d={line((p) => p.reportRate)} fill="none" stroke="var(--mantine-color-green-7)" strokeWidth={2} />
      {shown.map((p, i) => (
        <g key={p.campaignId}>
          <circle cx={x(i)} cy={y(p.failRate)} r={3.5} fill="var(--mantine-color-red-6)" />
          <circle cx={x(i)} cy={y(p.reportRate)} r={3.5} fill="var(--mantine-color-green-7)" />
          <text x={x(i)} y={height - 8} textAnchor="middle" fontSize="11" fill="currentColor">
            {p.launchAt.slice(0, 10)}
          </text>
        </g>
      ))}
    </svg>
  );
}
