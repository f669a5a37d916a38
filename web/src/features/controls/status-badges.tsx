import { Badge } from '@mantine/core';
import type { ControlStatus, SignalState } from '../../api/controls.ts';

export const controlStatusLabels: Record<ControlStatus, string> = {
  ok: 'OK',
  stale: 'Stale',
  failing: 'Failing',
  not_assessed: 'Not assessed',
  not_applicable: 'Not applicable',
};

export const controlStatusColors: Record<ControlStatus, string> = {
  ok: 'green',
  stale: 'yellow',
  failing: 'red',
  not_assessed: 'gray',
  not_applicable: 'blue',
};

export const controlStatusOrder: readonly ControlStatus[] = [
  'ok',
  'stale',
  'failing',
  'not_assessed',
  'not_applicable',
];

export function ControlStatusBadge({ status }: { status: ControlStatus }) {
  return (
    <Badge color={controlStatusColors[status]} variant={status === 'failing' ? 'filled' : 'light'}>
      {controlStatusLabels[status]}
    </Badge>
  );
}

const signalLabels: Record<SignalState, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  stale: 'Stale',
  missing: 'No reading',
};

const signalColors: Record<SignalState, string> = {
  pass: 'green',
  warn: 'orange',
  fail: 'red',
  stale: 'yellow',
  missing: 'gray',
};

export function SignalStateBadge({ state }: { state: SignalState }) {
  return (
    <Badge color={signalColors[state]} variant={state === 'fail' ? 'filled' : 'light'}>
      {signalLabels[state]}
    </Badge>
  );
}

/** "97.5%", "3 count" -> "3", "12 days". */
export function formatSignalValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '%') return `${value}%`;
  if (unit === 'days') return `${value} day${value === 1 ? '' : 's'}`;
  return String(value);
}

/** "fail below 90%, warn below 98%" or "fail above 4, warn above 0". */
export function thresholdText(signal: {
  direction: 'higher' | 'lower';
  warnAt: number;
  failAt: number;
  unit: string;
  maxAgeDays: number;
}): string {
  const side = signal.direction === 'higher' ? 'below' : 'above';
  return `Fail ${side} ${formatSignalValue(signal.failAt, signal.unit)}, warn ${side} ${formatSignalValue(signal.warnAt, signal.unit)}; stale after ${signal.maxAgeDays} days`;
}
