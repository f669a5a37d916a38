import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type PolicyTemplate, useCreatePolicy } from '../../api/policies.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { categoryLabels } from './policy-labels.tsx';

interface NewPolicyModalProps {
  opened: boolean;
  onClose: () => void;
  templates: PolicyTemplate[];
  /** Preselects a template (from the library list). */
  templateId: string | null;
}

/** Starts a policy from a template (placeholders filled by the server) or from a blank page. */
export function NewPolicyModal({ opened, onClose, templates, templateId }: NewPolicyModalProps) {
  const navigate = useNavigate();
  const create = useCreatePolicy();
  const [mode, setMode] = useState<'template' | 'blank'>('template');
  const [chosen, setChosen] = useState<string | null>(templateId);
  const [official, setOfficial] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const mapped = create.error
    ? mapServerError(create.error, ['templateId', 'title', 'body', 'securityOfficial'])
    : null;
  const selected = chosen ?? templateId;

  const submit = () => {
    const input =
      mode === 'template'
        ? { templateId: selected ?? '', ...(official.trim() ? { securityOfficial: official.trim() } : {}) }
        : { title, body };
    create.mutate(input, { onSuccess: (policy) => navigate(`/compliance/policies/${policy.id}`) });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New policy" size="lg">
      <Stack gap="md">
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as 'template' | 'blank')}
          data={[
            { value: 'template', label: 'From a template' },
            { value: 'blank', label: 'Blank policy' },
          ]}
        />
        {mode === 'template' ? (
          <>
            <Select
              label="Template"
              placeholder="Choose a policy"
              searchable
              value={selected}
              onChange={setChosen}
              data={templates.map((t) => ({
                value: t.id,
                label: `${t.title} (${categoryLabels[t.category]})`,
              }))}
              error={mapped?.fieldErrors.templateId}
            />
            <TextInput
              label="Security official"
              description="Named in the policy. Leave empty to use your DSO's security officer."
              value={official}
              onChange={(event) => setOfficial(event.currentTarget.value)}
              maxLength={200}
            />
            <Text size="sm" c="dimmed">
              The policy starts as a draft with your DSO's name filled in. Edit it, then a security officer
              approves it.
            </Text>
          </>
        ) : (
          <>
            <TextInput
              label="Title"
              required
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={mapped?.fieldErrors.title}
              maxLength={200}
            />
            <Textarea
              label="Policy text (Markdown)"
              required
              autosize
              minRows={8}
              maxRows={20}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              error={mapped?.fieldErrors.body}
            />
          </>
        )}
        <FormErrorAlert error={mapped?.formError ?? null} />
        {create.isSuccess && <Alert color="green">Policy created.</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={create.isPending} onClick={submit} disabled={mode === 'template' && !selected}>
            Create draft
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
