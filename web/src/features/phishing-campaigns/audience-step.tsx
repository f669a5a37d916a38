import {
  ActionIcon,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useAudiencePreview } from '../../api/phishing-campaigns.ts';
import { usePracticeOptions } from '../../api/practices.ts';
import { formatNumber } from '../../components/format.ts';
import { QueryError } from '../../components/query-status.tsx';
import { jobRoleLabel, jobRoleOptions } from '../people/person-options.ts';
import { audienceOf, type WizardState } from './wizard-state.ts';

interface AudienceStepProps {
  state: WizardState;
  onChange: (patch: Partial<WizardState>) => void;
}

function SharedMailboxes({ state, onChange }: AudienceStepProps) {
  const practices = usePracticeOptions();
  const [email, setEmail] = useState('');
  const [practiceId, setPracticeId] = useState<string | null>(null);
  const [label, setLabel] = useState('Front desk');
  const practiceName = (id: string) => practices.data?.find((p) => p.id === id)?.name ?? id;
  const add = () => {
    if (!email.trim() || !practiceId || !label.trim()) return;
    onChange({
      sharedMailboxes: [...state.sharedMailboxes, { email: email.trim(), practiceId, label: label.trim() }],
    });
    setEmail('');
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Shared mailboxes
      </Title>
      <Text size="sm" c="dimmed">
        Front-desk and office mailboxes that several people read. They are counted apart from people.
      </Text>
      {state.sharedMailboxes.length > 0 && (
        <Table aria-label="Shared mailboxes in the audience">
          <Table.Tbody>
            {state.sharedMailboxes.map((mailbox, index) => (
              <Table.Tr key={mailbox.email}>
                <Table.Td>{mailbox.label}</Table.Td>
                <Table.Td>{mailbox.email}</Table.Td>
                <Table.Td>{practiceName(mailbox.practiceId)}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${mailbox.email}`}
                    onClick={() =>
                      onChange({ sharedMailboxes: state.sharedMailboxes.filter((_, i) => i !== index) })
                    }
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} w={240} />
        <Select
          label="Practice"
          data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={practiceId}
          onChange={setPracticeId}
          searchable
          w={220}
        />
        <TextInput label="Label" value={label} onChange={(e) => setLabel(e.currentTarget.value)} w={160} />
        <Button variant="default" onClick={add} disabled={!email.trim() || !practiceId || !label.trim()}>
          Add mailbox
        </Button>
      </Group>
    </Stack>
  );
}

export function AudienceSummary({ audience }: { audience: ReturnType<typeof audienceOf> }) {
  const [debounced] = useDebouncedValue(audience, 400);
  const preview = useAudiencePreview(debounced, null);
  if (preview.isError) return <QueryError error={preview.error} />;
  const data = preview.data;
  return (
    <Paper withBorder p="sm" radius="md" aria-live="polite">
      <Title order={3} size="h5" mb="xs">
        {data ? `${formatNumber(data.total)} recipients` : 'Counting recipients…'}
      </Title>
      {data && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {formatNumber(data.people)} people and {formatNumber(data.sharedMailboxes)} shared mailboxes.
            People on leave or terminated are left out; someone in several practices gets one email.
          </Text>
          <Table aria-label="Recipients by practice">
            <Table.Tbody>
              {data.byPractice.map((row) => (
                <Table.Tr key={row.practiceId}>
                  <Table.Td>{row.practiceName}</Table.Td>
                  <Table.Td ta="right">{formatNumber(row.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table aria-label="Recipients by role">
            <Table.Tbody>
              {data.byRole.map((row) => (
                <Table.Tr key={row.jobRole}>
                  <Table.Td>{jobRoleLabel(row.jobRole)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(row.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Paper>
  );
}

export function AudienceStep({ state, onChange }: AudienceStepProps) {
  const practices = usePracticeOptions();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Text size="sm" c="dimmed">
            Leave a filter empty to include everyone: no practice chosen means every practice.
          </Text>
          <MultiSelect
            label="Practices"
            placeholder="Every practice"
            data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={state.practiceIds}
            onChange={(practiceIds) => onChange({ practiceIds })}
            searchable
            clearable
          />
          <MultiSelect
            label="Job roles"
            placeholder="Every role"
            data={jobRoleOptions}
            value={state.jobRoles}
            onChange={(jobRoles) => onChange({ jobRoles })}
            clearable
          />
          <TagsInput
            label="Tags"
            description="People with any of these tags, for example new-hire."
            value={state.tags}
            onChange={(tags) => onChange({ tags })}
            clearable
          />
          <SharedMailboxes state={state} onChange={onChange} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <AudienceSummary audience={audienceOf(state)} />
      </Grid.Col>
    </Grid>
  );
}
