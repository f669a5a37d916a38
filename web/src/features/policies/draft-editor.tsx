import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useCreatePolicyVersion } from '../../api/policies.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { PolicyMarkdown } from './policy-markdown.tsx';

/** Writes a new draft version, starting from the latest text, with a live preview. */
export function DraftEditor({
  policyId,
  startFrom,
  onDone,
}: {
  policyId: string;
  startFrom: string;
  onDone: () => void;
}) {
  const save = useCreatePolicyVersion(policyId);
  const [body, setBody] = useState(startFrom);
  const [changeNote, setChangeNote] = useState('');
  const mapped = save.error ? mapServerError(save.error, ['body', 'changeNote']) : null;
  const kilobytes = Math.ceil(new TextEncoder().encode(body).length / 1024);
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Title order={2} size="h4">
          New draft
        </Title>
        <TextInput
          label="What changed"
          required
          placeholder="For example: added passkeys for administrators"
          value={changeNote}
          onChange={(event) => setChangeNote(event.currentTarget.value)}
          error={mapped?.fieldErrors.changeNote}
          maxLength={500}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea
            label="Policy text (Markdown)"
            description={`${kilobytes} KB of 200 KB`}
            autosize
            minRows={16}
            maxRows={40}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            error={mapped?.fieldErrors.body}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Preview
            </Text>
            <Paper withBorder p="sm" mah={640} style={{ overflow: 'auto' }}>
              <PolicyMarkdown body={body} />
            </Paper>
          </div>
        </SimpleGrid>
        <FormErrorAlert error={mapped?.formError ?? null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button
            loading={save.isPending}
            onClick={() => save.mutate({ body, changeNote }, { onSuccess: onDone })}
          >
            Save draft
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
