import { Badge, Rating } from '@mantine/core';
import type { TemplateCategory, TemplateSource } from '../../api/phishing-templates.ts';

export const categoryLabels: Record<TemplateCategory, string> = {
  'patient-intake': 'Patient intake',
  payer: 'Payer',
  regulator: 'Regulator',
  association: 'Association',
  vendor: 'Vendor',
  'finance-hr': 'Finance and HR',
  it: 'IT',
};

export const sourceLabels: Record<TemplateSource, string> = {
  builtin: 'Built-in',
  custom: 'Custom',
  eml: 'Imported email',
  gophish: 'Imported from GoPhish',
};

export const difficultyLabels: Record<number, string> = {
  1: 'Easy to spot',
  2: 'Fairly easy',
  3: 'Moderate',
  4: 'Hard',
  5: 'Very hard',
};

/** Difficulty as 1 to 5 stars, read-only. */
export function DifficultyStars({ value }: { value: number }) {
  return (
    <Rating
      value={value}
      count={5}
      readOnly
      size="sm"
      aria-label={`Difficulty ${value} of 5: ${difficultyLabels[value] ?? ''}`}
    />
  );
}

export function SourceBadge({ source }: { source: TemplateSource }) {
  return (
    <Badge variant="light" color={source === 'builtin' ? 'blue' : 'gray'}>
      {sourceLabels[source]}
    </Badge>
  );
}
