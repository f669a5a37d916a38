import { Button, Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ChangeEvent, FormEvent } from 'react';
import { usePracticeOptions } from '../../api/practices.ts';
import type { Role } from '../../api/types.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { useFormState } from '../../components/forms/use-form-state.ts';
import { roleLabels } from './permissions.ts';
import { type UserFormValues, validateUserForm } from './user-form-values.ts';

interface UserFormProps {
  initialValues: UserFormValues;
  roles: readonly Role[];
  isNew: boolean;
  /** Editing oneself: the server refuses a change of one's own role or status. */
  isSelf?: boolean;
  isSubmitting: boolean;
  submitLabel: string;
  onSubmit: (values: UserFormValues) => Promise<unknown>;
  onCancel: () => void;
}

const roleHints: Record<Role, string> = {
  dso_admin: 'Everything, including users and settings.',
  security_officer: 'Reads everything, reviews the audit log.',
  it_admin: 'Manages practices, people, imports, users and API tokens.',
  practice_manager: 'Manages the people of the chosen practices only.',
  staff: 'Their own account only.',
  auditor: 'Reads and exports, until the expiry date.',
};

export function UserForm(props: UserFormProps) {
  const {
    initialValues,
    roles,
    isNew,
    isSelf = false,
    isSubmitting,
    submitLabel,
    onSubmit,
    onCancel,
  } = props;
  const form = useFormState<UserFormValues>(initialValues);
  const { values, errors, setField } = form;
  const practices = usePracticeOptions();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.validate(validateUserForm)) return;
    await onSubmit(values).catch(form.showServerError);
  };
  const text = (key: 'email' | 'displayName' | 'expiresAt') => ({
    value: values[key],
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.value),
  });
  // A role the editor cannot give still shows (read-only) when it is the user's current one.
  const roleOptions = [...new Set([...roles, values.role])].map((role) => ({
    value: role,
    label: roleLabels[role],
  }));

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={isNew ? 'Add user' : 'Edit user'}>
      <Stack gap="md">
        <FormErrorAlert error={form.formError} />
        <TextInput label="Email" type="email" required disabled={!isNew} maxLength={254} {...text('email')} />
        <TextInput label="Name" required maxLength={200} {...text('displayName')} />
        <Select
          label="Role"
          required
          data={roleOptions}
          value={values.role}
          onChange={(role) => role && setField('role', role as Role)}
          allowDeselect={false}
          disabled={isSelf}
          description={isSelf ? 'You cannot change your own role.' : roleHints[values.role]}
          error={errors.role}
        />
        {values.role === 'practice_manager' && (
          <MultiSelect
            label="Practices"
            description="The practices this manager acts in"
            required
            searchable
            data={(practices.data ?? []).map((practice) => ({ value: practice.id, label: practice.name }))}
            value={values.practiceIds}
            onChange={(ids) => setField('practiceIds', ids)}
            error={errors.practiceIds}
            nothingFoundMessage={practices.isPending ? 'Loading practices…' : 'No practice matches'}
          />
        )}
        <TextInput
          label="Account expires on"
          type="date"
          required={values.role === 'auditor'}
          description={
            values.role === 'auditor'
              ? 'Required for auditors.'
              : 'Optional: the account stops working after this day.'
          }
          {...text('expiresAt')}
        />
        {!isNew && (
          <div>
            <Text size="sm" fw={500} mb={4} id="user-status-label">
              Status
            </Text>
            <SegmentedControl
              aria-labelledby="user-status-label"
              data={[
                { value: 'active', label: 'Active' },
                { value: 'disabled', label: 'Disabled' },
              ]}
              value={values.status}
              onChange={(status) => setField('status', status as UserFormValues['status'])}
              disabled={isSelf}
            />
            <Text size="xs" c="dimmed" mt={4}>
              Disabling or changing the role signs the user out everywhere.
            </Text>
          </div>
        )}
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
