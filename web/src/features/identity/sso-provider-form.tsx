import {
  Badge,
  Button,
  Fieldset,
  Group,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { type SsoProviderKind, ssoProviderKinds } from '../../api/types.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { useFormState } from '../../components/forms/use-form-state.ts';
import { roleLabels } from './permissions.ts';
import {
  defaultEnforcesMfa,
  issuerExamples,
  kindLabels,
  type SsoProviderFormValues,
  ssoRoles,
  validateSsoProviderForm,
} from './sso-provider-form-values.ts';
import { RoleMappingRows } from './sso-role-mappings.tsx';

interface SsoProviderFormProps {
  initialValues: SsoProviderFormValues;
  isNew: boolean;
  /** Security officers and IT administrators see the settings but cannot change them. */
  readOnly?: boolean;
  isSubmitting: boolean;
  submitLabel: string;
  onSubmit: (values: SsoProviderFormValues) => Promise<unknown>;
  onCancel: () => void;
}

const kindOptions = ssoProviderKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }));
const defaultRoleOptions = [
  { value: 'deny', label: 'None: refuse the sign-in' },
  ...ssoRoles.map((role) => ({ value: role, label: roleLabels[role] })),
];

/** The client secret is write-only: editing shows whether one is set and offers to replace it. */
function ClientSecretField(props: {
  isNew: boolean;
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const [isReplacing, setIsReplacing] = useState(props.isNew);
  if (!isReplacing) {
    return (
      <div>
        <Text size="sm" fw={500} mb={4}>
          Client secret
        </Text>
        <Group gap="sm">
          <Badge color="teal" variant="light">
            Set
          </Badge>
          <Button size="xs" variant="light" onClick={() => setIsReplacing(true)} disabled={props.disabled}>
            Replace
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          Enamel stores it encrypted and never shows it again.
        </Text>
      </div>
    );
  }
  return (
    <PasswordInput
      label={props.isNew ? 'Client secret' : 'New client secret'}
      description={
        props.isNew
          ? 'Stored encrypted; it is never shown again. For Entra ID, the secret’s Value, not its ID.'
          : 'Replaces the stored secret when you save; leave it empty to keep the current one.'
      }
      required={props.isNew}
      autoComplete="off"
      maxLength={2048}
      value={props.value}
      error={props.error}
      onChange={(event) => props.onChange(event.currentTarget.value)}
    />
  );
}

export function SsoProviderForm(props: SsoProviderFormProps) {
  const { initialValues, isNew, readOnly = false, isSubmitting, submitLabel, onSubmit, onCancel } = props;
  const form = useFormState<SsoProviderFormValues>(initialValues);
  const { values, errors, setField } = form;
  const [isMfaTouched, setIsMfaTouched] = useState(!isNew);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || !form.validate((current) => validateSsoProviderForm(current, isNew))) return;
    const rowKeys = values.roleMappings.flatMap((_, index) => [
      `roleMappings.${index}.group`,
      `roleMappings.${index}.role`,
    ]);
    await onSubmit(values).catch((error: unknown) =>
      form.showServerError(error, [...Object.keys(values), ...rowKeys]),
    );
  };
  const text = (key: 'name' | 'issuerUrl' | 'clientId' | 'groupClaim') => ({
    value: values[key],
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.value),
  });
  const changeKind = (kind: SsoProviderKind) => {
    setField('kind', kind);
    if (!isMfaTouched) setField('enforcesMfa', defaultEnforcesMfa(kind));
    if (kind === 'google' && !values.issuerUrl.trim()) setField('issuerUrl', issuerExamples.google);
  };

  return (
    <form
      ref={form.formRef}
      onSubmit={submit}
      noValidate
      aria-label={isNew ? 'Add SSO provider' : 'Edit SSO provider'}
    >
      <Stack gap="md">
        <FormErrorAlert error={form.formError} />
        <Fieldset variant="unstyled" disabled={readOnly}>
          <Stack gap="md">
            <TextInput
              label="Name"
              description="Shown on the sign-in page as “Sign in with <name>”"
              required
              maxLength={100}
              data-autofocus
              {...text('name')}
            />
            <Select
              label="Kind"
              required
              data={kindOptions}
              value={values.kind}
              onChange={(kind) => kind && changeKind(kind as SsoProviderKind)}
              allowDeselect={false}
              error={errors.kind}
            />
            <TextInput
              label="Issuer URL"
              description={`For example ${issuerExamples[values.kind]}`}
              placeholder={issuerExamples[values.kind]}
              required
              maxLength={500}
              {...text('issuerUrl')}
            />
            <TextInput label="Client ID" required maxLength={256} {...text('clientId')} />
            <ClientSecretField
              isNew={isNew}
              value={values.clientSecret}
              error={errors.clientSecret}
              disabled={readOnly}
              onChange={(value) => setField('clientSecret', value)}
            />
            <TagsInput
              label="Allowed email domains"
              description="Only addresses of these domains may sign in (list subdomains separately). Press Enter after each."
              required
              splitChars={[',', ' ', ';']}
              maxTags={50}
              value={values.allowedDomains}
              onChange={(domains) => setField('allowedDomains', domains)}
              error={errors.allowedDomains}
            />
            {values.kind === 'google' ? (
              <Text size="sm" c="dimmed">
                Google puts no groups in its sign-in tokens: everyone gets the default role below. To give
                someone a higher role, add their account by hand first; single sign-on keeps its role.
              </Text>
            ) : (
              <>
                <TextInput
                  label="Groups claim"
                  description="The token claim that lists the person’s groups (Entra ID: groups, or roles for app roles)"
                  required
                  maxLength={100}
                  {...text('groupClaim')}
                />
                <RoleMappingRows
                  mappings={values.roleMappings}
                  errors={errors}
                  onChange={(mappings) => setField('roleMappings', mappings)}
                />
              </>
            )}
            <Select
              label="Default role"
              description="For people in none of the mapped groups"
              data={defaultRoleOptions}
              value={values.defaultRole}
              onChange={(role) =>
                role && setField('defaultRole', role as SsoProviderFormValues['defaultRole'])
              }
              allowDeselect={false}
              error={errors.defaultRole}
            />
            <Switch
              label="The provider enforces MFA"
              description="On: Enamel trusts the provider’s multi-factor sign-in. Off: managers and administrators also enter an Enamel authentication code."
              checked={values.enforcesMfa}
              onChange={(event) => {
                setIsMfaTouched(true);
                setField('enforcesMfa', event.currentTarget.checked);
              }}
            />
            <Switch
              label="Enabled"
              description="Shown on the sign-in page. Turn it on once the redirect URI is registered at the provider."
              checked={values.enabled}
              onChange={(event) => setField('enabled', event.currentTarget.checked)}
            />
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {readOnly ? 'Close' : 'Cancel'}
          </Button>
          {!readOnly && (
            <Button type="submit" loading={isSubmitting}>
              {submitLabel}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
