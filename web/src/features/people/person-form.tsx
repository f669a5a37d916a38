import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import type { ChangeEvent, FormEvent } from 'react';
import { usePracticeOptions } from '../../api/practices.ts';
import type { PersonInput, PersonStatus } from '../../api/types.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { useFormState } from '../../components/forms/use-form-state.ts';
import { type PersonFormValues, toPersonInput, validatePersonForm } from './person-form-values.ts';
import { jobRoleOptions, personStatusOptions } from './person-options.ts';

interface PersonFormProps {
  initialValues: PersonFormValues;
  submitLabel: string;
  isSubmitting: boolean;
  onSubmit: (input: Required<PersonInput>) => Promise<unknown>;
  onCancel: () => void;
}

export function PersonForm({
  initialValues,
  submitLabel,
  isSubmitting,
  onSubmit,
  onCancel,
}: PersonFormProps) {
  const form = useFormState<PersonFormValues>(initialValues);
  const { values, errors, setField } = form;
  const practices = usePracticeOptions();

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.validate(validatePersonForm)) return;
    await onSubmit(toPersonInput(values)).catch(form.showServerError);
  };

  const text = (key: 'firstName' | 'lastName' | 'email' | 'hireDate' | 'terminationDate') => ({
    value: values[key],
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.value),
  });

  return (
    <form ref={form.formRef} onSubmit={handleSubmit} noValidate aria-label="Person">
      <Stack gap="md">
        <FormErrorAlert error={form.formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="First name" required maxLength={100} autoComplete="off" {...text('firstName')} />
          <TextInput label="Last name" required maxLength={100} autoComplete="off" {...text('lastName')} />
          <TextInput
            label="Work email"
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            {...text('email')}
          />
          <Select
            label="Job role"
            required
            data={jobRoleOptions}
            value={values.jobRole}
            onChange={(role) => setField('jobRole', role as PersonFormValues['jobRole'])}
            error={errors.jobRole}
          />
        </SimpleGrid>
        <MultiSelect
          label="Practices"
          description="Where this person works; leave empty for DSO-level staff"
          data={(practices.data ?? []).map((practice) => ({ value: practice.id, label: practice.name }))}
          value={values.practiceIds}
          onChange={(practiceIds) => setField('practiceIds', practiceIds)}
          error={errors.practiceIds}
          searchable
          nothingFoundMessage="No practice matches"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Status"
            data={personStatusOptions}
            value={values.status}
            onChange={(status) => status && setField('status', status as PersonStatus)}
            error={errors.status}
            allowDeselect={false}
          />
          <TextInput label="Hire date" type="date" {...text('hireDate')} />
          <TextInput
            label="Termination date"
            type="date"
            description="On or before today marks the person terminated"
            {...text('terminationDate')}
          />
        </SimpleGrid>
        <TagsInput
          label="Tags"
          description="Free labels, such as float or part-time; press Enter after each"
          value={values.tags}
          onChange={(tags) => setField('tags', tags)}
          error={errors.tags}
        />
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
