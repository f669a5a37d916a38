import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { usePracticeOptions } from '../../api/practices.ts';
import {
  type Rating,
  type RiskInput,
  type RiskStatus,
  type RiskView,
  type Treatment,
  useOwnerOptions,
} from '../../api/risks.ts';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { assetGroups, ratingOptions, treatmentLabels } from './risk-labels.ts';

interface RiskFormProps {
  /** Absent when creating a risk. */
  risk?: RiskView;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  readOnly?: boolean;
  onSubmit: (input: RiskInput) => void;
  onCancel: () => void;
}

const fieldKeys = [
  'title',
  'threat',
  'vulnerability',
  'assetGroup',
  'likelihood',
  'impact',
  'practiceId',
  'ownerUserId',
  'treatment',
  'treatmentNote',
  'residualLikelihood',
  'residualImpact',
  'nextReviewDate',
  'status',
];

function initialValues(risk: RiskView | undefined) {
  return {
    title: risk?.title ?? '',
    threat: risk?.threat ?? '',
    vulnerability: risk?.vulnerability ?? '',
    assetGroup: risk?.assetGroup ?? '',
    likelihood: (risk?.likelihood ?? null) as Rating | null,
    impact: (risk?.impact ?? null) as Rating | null,
    practiceId: risk?.practiceId ?? null,
    ownerUserId: risk?.ownerUserId ?? null,
    treatment: (risk?.treatment ?? null) as Treatment | null,
    treatmentNote: risk?.treatmentNote ?? '',
    residualLikelihood: (risk?.residualLikelihood ?? null) as Rating | null,
    residualImpact: (risk?.residualImpact ?? null) as Rating | null,
    nextReviewDate: risk?.nextReviewDate ?? '',
    status: (risk?.status ?? 'open') as RiskStatus,
  };
}

/** Create or edit a risk. Accepting is not a treatment chosen here: it needs the approver's "Accept risk". */
export function RiskForm({ risk, submitLabel, pending, error, readOnly, onSubmit, onCancel }: RiskFormProps) {
  const [values, setValues] = useState(() => initialValues(risk));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const owners = useOwnerOptions();
  const practices = usePracticeOptions();
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));
  const server = error ? mapServerError(error, fieldKeys) : null;
  const errorOf = (key: string) => clientErrors[key] ?? server?.fieldErrors[key];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    for (const key of ['title', 'threat', 'vulnerability', 'assetGroup'] as const) {
      if (!values[key].trim()) errors[key] = 'Required.';
    }
    if (values.assetGroup.trim().length > 100) errors.assetGroup = 'At most 100 characters.';
    if (!values.likelihood) errors.likelihood = 'Choose a likelihood.';
    if (!values.impact) errors.impact = 'Choose an impact.';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !values.likelihood || !values.impact) return;
    const input: RiskInput = {
      title: values.title.trim(),
      threat: values.threat.trim(),
      vulnerability: values.vulnerability.trim(),
      assetGroup: values.assetGroup.trim(),
      likelihood: values.likelihood,
      impact: values.impact,
      ownerUserId: values.ownerUserId,
      // An accepted risk keeps its treatment; the form never sends "accept" on its own.
      ...(values.treatment !== 'accept' || risk?.treatment === 'accept'
        ? { treatment: values.treatment }
        : {}),
      treatmentNote: values.treatmentNote.trim() || null,
      residualLikelihood: values.residualLikelihood,
      residualImpact: values.residualImpact,
      nextReviewDate: values.nextReviewDate || null,
      status: values.status,
    };
    onSubmit(risk ? input : { ...input, practiceId: values.practiceId });
  };

  const treatments = (Object.keys(treatmentLabels) as Treatment[])
    .filter((t) => t !== 'accept' || risk?.treatment === 'accept')
    .map((t) => ({ value: t, label: treatmentLabels[t] }));

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="sm">
          {server?.formError && (
            <Alert color="red" role="alert" title={server.formError.message}>
              {server.formError.details.join(' ')}
            </Alert>
          )}
          <TextInput
            label="Title"
            required
            maxLength={200}
            value={values.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errorOf('title')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Threat"
              description="What could happen, e.g. ransomware"
              required
              maxLength={200}
              value={values.threat}
              onChange={(e) => set('threat', e.currentTarget.value)}
              error={errorOf('threat')}
            />
            <Autocomplete
              label="Affected asset group"
              description="Choose one or type your own"
              required
              maxLength={100}
              data={assetGroups}
              value={values.assetGroup}
              onChange={(value) => set('assetGroup', value)}
              error={errorOf('assetGroup')}
            />
          </SimpleGrid>
          <Textarea
            label="Vulnerability"
            description="The weakness the threat would use"
            required
            maxLength={300}
            autosize
            minRows={2}
            value={values.vulnerability}
            onChange={(e) => set('vulnerability', e.currentTarget.value)}
            error={errorOf('vulnerability')}
          />
          {!risk && (
            <Select
              label="Practice"
              description="Leave empty for a DSO-wide risk"
              clearable
              searchable
              data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={values.practiceId}
              onChange={(value) => set('practiceId', value)}
              error={errorOf('practiceId')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Likelihood"
              required
              data={ratingOptions}
              value={values.likelihood}
              onChange={(value) => set('likelihood', value as Rating | null)}
              error={errorOf('likelihood')}
            />
            <Select
              label="Impact"
              required
              data={ratingOptions}
              value={values.impact}
              onChange={(value) => set('impact', value as Rating | null)}
              error={errorOf('impact')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Treatment"
              clearable
              data={treatments}
              value={values.treatment}
              onChange={(value) => set('treatment', value as Treatment | null)}
              error={errorOf('treatment')}
            />
            <Select
              label="Owner"
              clearable
              searchable
              data={(owners.data ?? []).map((o) => ({ value: o.id, label: `${o.displayName} (${o.email})` }))}
              value={values.ownerUserId}
              onChange={(value) => set('ownerUserId', value)}
              error={errorOf('ownerUserId')}
            />
          </SimpleGrid>
          <Textarea
            label="Treatment plan"
            maxLength={2000}
            autosize
            minRows={2}
            value={values.treatmentNote}
            onChange={(e) => set('treatmentNote', e.currentTarget.value)}
            error={errorOf('treatmentNote')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Residual likelihood"
              clearable
              data={ratingOptions}
              value={values.residualLikelihood}
              onChange={(value) => set('residualLikelihood', value as Rating | null)}
              error={errorOf('residualLikelihood')}
            />
            <Select
              label="Residual impact"
              clearable
              data={ratingOptions}
              value={values.residualImpact}
              onChange={(value) => set('residualImpact', value as Rating | null)}
              error={errorOf('residualImpact')}
            />
            <TextInput
              label="Next review"
              type="date"
              value={values.nextReviewDate}
              onChange={(e) => set('nextReviewDate', e.currentTarget.value)}
              error={errorOf('nextReviewDate')}
            />
          </SimpleGrid>
          <Select
            label="Status"
            data={[
              { value: 'proposed', label: 'Proposed' },
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Closed' },
            ]}
            value={values.status}
            onChange={(value) => set('status', (value ?? 'open') as RiskStatus)}
            error={errorOf('status')}
            maw={200}
          />
          {!readOnly && (
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                {submitLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
