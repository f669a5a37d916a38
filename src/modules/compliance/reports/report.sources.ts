/**
 * What the reports area reads from the other compliance areas (the heatmap, control statuses, signals): in
 * one place, so the report and the insurance view follow those areas' rules rather than re-deriving them.
 */
export { computeHeatmap } from '../assessment/heatmap.service.ts';
export { listControlStatuses } from '../controls/controls.service.ts';
export { latestSignals } from '../controls/signals.service.ts';
