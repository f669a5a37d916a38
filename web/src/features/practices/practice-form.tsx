import { Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type ChangeEvent, type FormEvent, useMemo } from 'react';
import { useRegions } from '../../api/regions.ts';
import { type PracticeInput, practiceStatuses } from '../../api/types.ts';
import { humanize } from '../../components/format.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { useFormState } from '../../components/forms/use-form-state.ts';
import { StateSelect } from '../../components/state-select.tsx';
import { type PracticeFormValues, toPracticeInput, validatePracticeForm } from './practice-form-values.ts';
import { timeZoneGroups } from './time-zones.ts';

interface PracticeFormProps {
  initialValues: PracticeFormValues;
  submitLabel: string;
  isSubmitting: boolean;
  onSubmit: (input: Required<PracticeInput>) => Promise<unknown>;
  onCancel: () => void;
}

const statusOptions = practiceStatuses.map((status) => ({ value: status, label: humanize(status) }));

export function PracticeForm({
  initialValues,
  submitLabel,
  isSubmitting,
  onSubmit,
  onCancel,
}: PracticeFormProps) {
  const form = useFormState<PracticeFormValues>(initialValues);
  const { values, errors, setField } = form;
  const regions = useRegions();
  const zones = useMemo(timeZoneGroups, []);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.validate(validatePracticeForm)) return;
    await onSubmit(toPracticeInput(values)).catch(form.showServerError);
  };

  const text = (key: keyof PracticeFormValues & string) => ({
    value: String(values[key] ?? ''),
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.value),
  });
  const whole = (key: 'chairs' | 'activePatients') => ({
    value: values[key],
    error: errors[key],
    onChange: (value: number | string) => setField(key, typeof value === 'number' ? value : ''),
    allowDecimal: false,
    allowNegative: false,
    thousandSeparator: ',',
  });

  return (
    <form ref={form.formRef} onSubmit={handleSubmit} noValidate aria-label="Practice">
      <Stack gap="md">
        <FormErrorAlert error={form.formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Practice name" required maxLength={200} {...text('name')} />
          <TextInput
            label="Legal entity"
            description="The entity that signs as covered entity"
            {...text('legalEntity')}
          />
          <Select
            label="Region"
            data={(regions.data ?? []).map((region) => ({ value: region.id, label: region.name }))}
            value={values.regionId}
            onChange={(regionId) => setField('regionId', regionId)}
            error={errors.regionId}
            placeholder={regions.data?.length === 0 ? 'No regions yet' : 'No region'}
            clearable
          />
          <Select
            label="Status"
            data={statusOptions}
            value={values.status}
            onChange={(status) => status && setField('status', status as PracticeFormValues['status'])}
            error={errors.status}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Fieldset legend="Location">
          <Stack gap="sm">
            <TextInput label="Address line 1" {...text('addressLine1')} />
            <TextInput label="Address line 2" {...text('addressLine2')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="City" {...text('city')} />
              <StateSelect
                label="State"
                required
                value={values.state}
                onChange={(state) => setField('state', state)}
                error={errors.state}
              />
              <TextInput label="ZIP code" {...text('postalCode')} />
            </SimpleGrid>
            <Select
              label="Time zone"
              required
              searchable
              data={zones}
              value={values.timeZone}
              onChange={(timeZone) => setField('timeZone', timeZone)}
              error={errors.timeZone}
              nothingFoundMessage="No time zone matches"
              limit={60}
            />
          </Stack>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Phone" type="tel" {...text('phone')} />
          <TextInput
            label="NPI"
            description="Type 2 (organization) NPI, 10 digits"
            inputMode="numeric"
            {...text('npi')}
          />
          <NumberInput label="Chairs" {...whole('chairs')} />
          <NumberInput label="Active patients" {...whole('activePatients')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
