import { Button, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { SsoRole, SsoRoleMapping } from '../../api/types.ts';
import type { FieldErrors } from '../../components/forms/server-errors.ts';
import { roleLabels } from './permissions.ts';
import { ssoRoles } from './sso-provider-form-values.ts';

interface RoleMappingRowsProps {
  mappings: SsoRoleMapping[];
  errors: FieldErrors;
  onChange: (mappings: SsoRoleMapping[]) => void;
}

const roleOptions = () => ssoRoles.map((role) => ({ value: role, label: roleLabels[role] }));

/** Group → role rows; the first row whose group the person is in wins, so order matters. */
export function RoleMappingRows({ mappings, errors, onChange }: RoleMappingRowsProps) {
  const update = (index: number, change: Partial<SsoRoleMapping>) =>
    onChange(mappings.map((mapping, at) => (at === index ? { ...mapping, ...change } : mapping)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...mappings];
    const [row] = next.splice(index, 1);
    if (row) next.splice(index + by, 0, row);
    onChange(next);
  };
  return (
    <Fieldset legend="Group → role mapping">
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          The first group the person is in decides the role: put the most privileged first. Entra ID sends
          group object IDs. Groups match without regard to case.
        </Text>
        {mappings.length === 0 && (
          <Text size="sm" c="dimmed">
            No mapping: everyone gets the default role.
          </Text>
        )}
        {mappings.map((mapping, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never keyed by content
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`Group ${index + 1}`}
              placeholder="Group ID or name"
              maxLength={256}
              style={{ flex: 1 }}
              value={mapping.group}
              error={errors[`roleMappings.${index}.group`]}
              onChange={(event) => update(index, { group: event.currentTarget.value })}
            />
            <Select
              aria-label={`Role for group ${index + 1}`}
              data={roleOptions()}
              value={mapping.role}
              allowDeselect={false}
              w={190}
              error={errors[`roleMappings.${index}.role`]}
              onChange={(role) => role && update(index, { role: role as SsoRole })}
            />
            <Button
              variant="subtle"
              size="sm"
              px={6}
              disabled={index === 0}
              onClick={() => move(index, -1)}
              aria-label={`Move group ${index + 1} up`}
            >
              ↑
            </Button>
            <Button
              variant="subtle"
              color="red"
              size="sm"
              px={6}
              onClick={() => onChange(mappings.filter((_, at) => at !== index))}
              aria-label={`Remove group ${index + 1}`}
            >
              Remove
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            disabled={mappings.length >= 200}
            onClick={() => onChange([...mappings, { group: '', role: 'staff' }])}
          >
            Add mapping
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
