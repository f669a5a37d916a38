/** The colour of an area score (0-100, higher is better); grey when nothing is answered yet. */
export interface ScoreBand {
  readonly min: number;
  readonly label: string;
  readonly background: string;
  readonly text: string;
}

/** From best to worst; a score falls in the first band whose minimum it reaches. */
export const scoreBands: readonly ScoreBand[] = [
  { min: 90, label: '90-100: in place', background: 'var(--mantine-color-green-7)', text: 'white' },
  { min: 70, label: '70-89: minor gaps', background: 'var(--mantine-color-lime-5)', text: 'black' },
  { min: 50, label: '50-69: gaps', background: 'var(--mantine-color-yellow-4)', text: 'black' },
  { min: 25, label: '25-49: significant gaps', background: 'var(--mantine-color-orange-6)', text: 'black' },
  { min: 0, label: '0-24: not in place', background: 'var(--mantine-color-red-8)', text: 'white' },
];

export const notAnsweredBand = {
  label: 'Not answered',
  background: 'var(--mantine-color-gray-2)',
  text: 'var(--mantine-color-gray-7)',
} as const;

export function bandOf(score: number | null): { background: string; text: string; label: string } {
  if (score === null) return notAnsweredBand;
  return scoreBands.find((band) => score >= band.min) ?? notAnsweredBand;
}
