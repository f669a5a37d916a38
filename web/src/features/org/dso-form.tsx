import { Button, Fieldset, Group, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import type { ChangeEvent, FormEvent } from 'react';
import type { DsoInput } from '../../api/types.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { useFormState } from '../../components/forms/use-form-state.ts';
import { StateSelect } from '../../components/state-select.tsx';
import { type DsoFormValues, toDsoInput, validateDsoForm } from './dso-form-values.ts';

interface DsoFormProps {
  initialValues: DsoFormValues;
  submitLabel: string;
  isSubmitting: boolean;
  /** Resolves when saved; a rejection is shown on the form. */
  onSubmit: (input: Required<DsoInput>) => Promise<unknown>;
}

export function DsoForm({ initialValues, submitLabel, isSubmitting, onSubmit }: DsoFormProps) {
  const form = useFormState<DsoFormValues>(initialValues);
  const { values, errors, setField } = form;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.validate(validateDsoForm)) return;
    await onSubmit(toDsoInput(values)).catch(form.showServerError);
  };

  const text = (key: keyof DsoFormValues & string) => ({
    value: String(values[key] ?? ''),
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.value),
  });

  return (
    <form ref={form.formRef} onSubmit={handleSubmit} noValidate aria-label="DSO details">
      <Stack gap="md">
        <FormErrorAlert error={form.formError} />
        <TextInput label="DSO name" required maxLength={200} {...text('name')} />
        <TextInput
          label="Legal name"
          description="As it appears on business associate agreements"
          {...text('legalName')}
        />
        <TagsInput
          label="Email domains"
          description="Domains your workforce's email addresses use; press Enter after each"
          placeholder="smilegroup.com"
          value={values.domains}
          onChange={(domains) => setField('domains', domains)}
          error={errors.domains}
          splitChars={[',', ' ', ';']}
        />
        <Fieldset legend="Headquarters address (optional)">
          <Stack gap="sm">
            <TextInput label="Address line 1" {...text('hqAddress.line1')} />
            <TextInput label="Address line 2" {...text('hqAddress.line2')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="City" {...text('hqAddress.city')} />
              <StateSelect
                label="State"
                value={values['hqAddress.state']}
                onChange={(state) => setField('hqAddress.state', state)}
                error={errors['hqAddress.state']}
                clearable
              />
              <TextInput label="ZIP code" {...text('hqAddress.postalCode')} />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
