import type { MatrixSide, Rating } from '../../api/risks.ts';
import { levelColors, levelLabels } from './risk-labels.ts';

export interface MatrixCell {
  likelihood: Rating;
  impact: Rating;
}

interface RiskMatrixChartProps {
  side: MatrixSide;
  title: string;
  selected?: MatrixCell | null;
  onSelect?: (cell: MatrixCell) => void;
}

const order: Rating[] = ['low', 'medium', 'high'];
const cellSize = 84;
const left = 86;
const top = 8;
const bottom = 48;
const capitalised = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/**
 * The 3x3 risk matrix in plain SVG: likelihood up the side (high at the top), impact along the bottom, the
 * count in each cell coloured by its level. Cells are buttons when `onSelect` is given.
 */
export function RiskMatrixChart({ side, title, selected, onSelect }: RiskMatrixChartProps) {
  const width = left + cellSize * 3 + 8;
  const height = top + cellSize * 3 + bottom;
  const description = side.cells
    .map((c) => `likelihood ${c.likelihood}, impact ${c.impact}: ${c.count} (${levelLabels[c.level]})`)
    .join('; ');
  return (
    <figure aria-label={title} style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: 420 }}>
        <title>{`${title}. ${description}`}</title>
        {side.cells.map((cell) => {
          const x = left + order.indexOf(cell.impact) * cellSize;
          const y = top + (2 - order.indexOf(cell.likelihood)) * cellSize;
          const isSelected = selected?.likelihood === cell.likelihood && selected.impact === cell.impact;
          const label = `Likelihood ${cell.likelihood}, impact ${cell.impact}: ${cell.count} risks, ${levelLabels[cell.level]}`;
          const color = `var(--mantine-color-${levelColors[cell.level]}-${cell.count > 0 ? 5 : 1})`;
          const content = (
            <>
              <rect
                x={x + 2}
                y={y + 2}
                width={cellSize - 4}
                height={cellSize - 4}
                rx={6}
                fill={color}
                stroke={isSelected ? 'var(--mantine-color-blue-8)' : 'none'}
                strokeWidth={isSelected ? 4 : 0}
              />
              <text
                x={x + cellSize / 2}
                y={y + cellSize / 2}
                dy="0.35em"
                textAnchor="middle"
                fontSize="22"
                fontWeight={700}
                fill={cell.count > 0 ? 'white' : 'var(--mantine-color-gray-6)'}
              >
                {cell.count}
              </text>
            </>
          );
          if (!onSelect) return <g key={`${cell.likelihood}-${cell.impact}`}>{content}</g>;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG cell cannot be a <button>; it has the role and keys of one.
            <g
              key={`${cell.likelihood}-${cell.impact}`}
              role="button"
              tabIndex={0}
              aria-label={label}
              aria-pressed={isSelected}
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect({ likelihood: cell.likelihood, impact: cell.impact })}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect({ likelihood: cell.likelihood, impact: cell.impact });
                }
              }}
            >
              {content}
            </g>
          );
        })}
        {order.map((rating, index) => (
          <g key={rating}>
            <text
              x={left - 8}
              y={top + (2 - index) * cellSize + cellSize / 2}
              dy="0.35em"
              textAnchor="end"
              fontSize="13"
              fill="currentColor"
            >
              {capitalised(rating)}
            </text>
            <text
              x={left + index * cellSize + cellSize / 2}
              y={top + cellSize * 3 + 18}
              textAnchor="middle"
              fontSize="13"
              fill="currentColor"
            >
              {capitalised(rating)}
            </text>
          </g>
        ))}
        <text
          x={left + (cellSize * 3) / 2}
          y={height - 6}
          textAnchor="middle"
          fontSize="13"
          fill="currentColor"
        >
          Impact
        </text>
        <text
          x={14}
          y={top + (cellSize * 3) / 2}
          textAnchor="middle"
          fontSize="13"
          fill="currentColor"
          transform={`rotate(-90 14 ${top + (cellSize * 3) / 2})`}
        >
          Likelihood
        </text>
      </svg>
    </figure>
  );
}
