/** The 3x3 rating of the HHS SRA Tool: likelihood and impact (low/medium/high) give a level of four. */

export const ratings = ['low', 'medium', 'high'] as const;
export type Rating = (typeof ratings)[number];

export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof riskLevels)[number];

/** Rows are likelihood, columns impact. */
const matrix: Record<Rating, Record<Rating, RiskLevel>> = {
  low: { low: 'low', medium: 'low', high: 'medium' },
  medium: { low: 'low', medium: 'medium', high: 'high' },
  high: { low: 'medium', medium: 'high', high: 'critical' },
};

/** The level of a likelihood and an impact: high x high is critical, low x low low (SRA Tool risk matrix). */
export function rateRisk(likelihood: Rating, impact: Rating): RiskLevel {
  return matrix[likelihood][impact];
}

/** The residual level, or null while residual likelihood or impact is not rated. */
export function rateResidual(likelihood: Rating | null, impact: Rating | null): RiskLevel | null {
  return likelihood === null || impact === null ? null : rateRisk(likelihood, impact);
}

/** Higher is worse: critical 3 ... low 0; unknown text ranks lowest. */
export function levelRank(level: string): number {
  return riskLevels.indexOf(level as RiskLevel);
}

export function ratingRank(rating: string): number {
  return ratings.indexOf(rating as Rating);
}

/** The worse of two ratings. */
export function worseRating(a: Rating, b: Rating): Rating {
  return ratingRank(a) >= ratingRank(b) ? a : b;
}

/** Likelihood from a questionnaire score: 3 high, 2 medium, 1 low (0 proposes no risk). */
export function likelihoodOfScore(score: number): Rating {
  return score >= 3 ? 'high' : score === 2 ? 'medium' : 'low';
}
