/** What the other compliance areas use of the assessment: effective answers after inheritance, the heatmap. */
export { loadEffectiveAnswers, type PracticeAnswer, type PracticeAnswers } from './effective-answers.ts';
export { computeHeatmap, type Heatmap, type HeatmapCell, type HeatmapRow } from './heatmap.service.ts';
