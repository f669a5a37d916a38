import { Text } from '@mantine/core';

export interface Bar {
  label: string;
  value: number;
}

interface BarChartProps {
  title: string;
  bars: Bar[];
  /** Describes the value, for the text alternative ("people"). */
  unit: string;
}

const rowHeight = 28;
const chartWidth = 520;
const maxLabelLength = 20;

/** A horizontal bar chart in plain SVG, with the same data as a text alternative. */
export function BarChart({ title, bars, unit }: BarChartProps) {
  if (bars.length === 0) return <Text c="dimmed">No data yet.</Text>;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const longestLabel = Math.max(...bars.map((bar) => Math.min(bar.label.length, maxLabelLength)));
  // About 7.5 px per character at font size 13, plus the gap before the bar.
  const labelWidth = 16 + longestLabel * 7.5;
  const barSpace = chartWidth - labelWidth - 50;
  const height = bars.length * rowHeight;
  const description = bars.map((bar) => `${bar.label}: ${bar.value} ${unit}`).join('; ');
  return (
    <svg
      viewBox={`0 0 ${chartWidth} ${height}`}
      width="100%"
      role="img"
      aria-label={`${title}. ${description}`}
    >
      <title>{title}</title>
      {bars.map((bar, index) => {
        const y = index * rowHeight;
        const width = Math.max((bar.value / max) * barSpace, bar.value > 0 ? 2 : 0);
        return (
          <g key={bar.label} transform={`translate(0, ${y})`}>
            <text
              x={labelWidth - 8}
              y={rowHeight / 2}
              dy="0.35em"
              textAnchor="end"
              fontSize="13"
              fill="currentColor"
            >
              {bar.label.length > maxLabelLength ? `${bar.label.slice(0, maxLabelLength - 1)}…` : bar.label}
            </text>
            <rect
              x={labelWidth}
              y={5}
              width={width}
              height={rowHeight - 10}
              rx={3}
              fill="var(--mantine-color-blue-6)"
            />
            <text x={labelWidth + width + 6} y={rowHeight / 2} dy="0.35em" fontSize="13" fill="currentColor">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
