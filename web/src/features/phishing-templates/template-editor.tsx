import {
  ActionIcon,
  Button,
  Code,
  Group,
  Input,
  Paper,
  Rating,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  type RedFlag,
  type TemplateCategory,
  type TemplateInput,
  type TemplateView,
  templateCategories,
  useSaveTemplate,
  type Variable,
} from '../../api/phishing-templates.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { fillSample, HtmlPreview } from './html-preview.tsx';
import { categoryLabels, difficultyLabels } from './template-labels.tsx';

const fieldKeys = [
  'name',
  'category',
  'difficulty',
  'senderName',
  'senderAddress',
  'subject',
  'html',
  'text',
  'redFlags',
];

export const defaultVariables: Variable[] = [
  { name: 'first_name', description: "The recipient's first name" },
  { name: 'last_name', description: "The recipient's last name" },
  { name: 'email', description: "The recipient's email address" },
  { name: 'practice', description: "The name of the recipient's practice" },
  { name: 'link', description: 'The tracked link (use it as the href of every link)' },
];

const blankHtml = `<html><body style="font-family:Arial,sans-serif;font-size:14px">
<p>Hi {{first_name}},</p>
<p>...</p>
<p><a href="{{link}}">Open the document</a></p>
</body></html>`;

/** The content of an existing template as editable input (a built-in's copy starts from here too). */
export function inputOf(template: TemplateView | null): TemplateInput {
  return template
    ? {
        name: template.name,
        category: template.category,
        difficulty: template.difficulty,
        senderName: template.senderName,
        senderAddress: template.senderAddress,
        subject: template.subject,
        html: template.html,
        text: template.text,
        redFlags: template.redFlags,
      }
    : {
        name: '',
        category: 'it',
        difficulty: 3,
        senderName: '',
        senderAddress: '',
        subject: '',
        html: blankHtml,
        text: '',
        redFlags: [],
      };
}

function RedFlagsEditor({ value, onChange }: { value: RedFlag[]; onChange: (next: RedFlag[]) => void }) {
  const update = (index: number, change: Partial<RedFlag>) =>
    onChange(value.map((flag, at) => (at === index ? { ...flag, ...change } : flag)));
  return (
    <Stack gap="xs">
      {value.map((flag, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: flags have no id and are edited in place
        <Paper key={index} withBorder p="xs">
          <Group align="flex-start" wrap="nowrap">
            <Stack gap={4} style={{ flex: 1 }}>
              <TextInput
                aria-label={`Red flag ${index + 1}`}
                placeholder="What to spot, e.g. A sender domain that is not the payer's"
                value={flag.label}
                onChange={(event) => update(index, { label: event.currentTarget.value })}
              />
              <Textarea
                aria-label={`Why red flag ${index + 1} is a sign`}
                placeholder="Why it is a sign, and what to do instead"
                autosize
                minRows={2}
                value={flag.explanation}
                onChange={(event) => update(index, { explanation: event.currentTarget.value })}
              />
            </Stack>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove red flag ${index + 1}`}
              onClick={() => onChange(value.filter((_flag, at) => at !== index))}
            >
              ×
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          disabled={value.length >= 10}
          onClick={() => onChange([...value, { label: '', explanation: '' }])}
        >
          Add red flag
        </Button>
      </Group>
    </Stack>
  );
}

export function VariablesList({ variables }: { variables: readonly Variable[] }) {
  return (
    <Stack gap={4}>
      {variables.map((variable) => (
        <Text size="sm" key={variable.name}>
          <Code>{`{{${variable.name}}}`}</Code> {variable.description}
        </Text>
      ))}
    </Stack>
  );
}

/** Creates (template null) or edits a custom template, with a live sandboxed preview. */
export function TemplateEditor({
  template,
  initial,
  onSaved,
  onCancel,
}: {
  template: TemplateView | null;
  initial?: TemplateInput;
  onSaved: (saved: TemplateView) => void;
  onCancel?: () => void;
}) {
  const save = useSaveTemplate(template?.id ?? null);
  const [input, setInput] = useState<TemplateInput>(initial ?? inputOf(template));
  const set = (change: Partial<TemplateInput>) => setInput({ ...input, ...change });
  const mapped = save.error ? mapServerError(save.error, fieldKeys) : null;
  const errors = mapped?.fieldErrors ?? {};

  const submit = () => {
    const text = input.text?.trim() ? input.text : undefined;
    const { text: _text, ...rest } = input;
    save.mutate(text === undefined ? rest : { ...rest, text }, { onSuccess: onSaved });
  };

  return (
    <Stack>
      <FormErrorAlert error={mapped?.formError ?? null} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            value={input.name}
            error={errors.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <Group grow align="flex-start">
            <Select
              label="Category"
              required
              allowDeselect={false}
              data={templateCategories.map((value) => ({ value, label: categoryLabels[value] }))}
              value={input.category}
              error={errors.category}
              onChange={(value) => set({ category: (value as TemplateCategory) ?? input.category })}
            />
            <Input.Wrapper
              label="Difficulty"
              error={errors.difficulty}
              description={difficultyLabels[input.difficulty]}
            >
              <Rating
                value={input.difficulty}
                count={5}
                onChange={(value) => set({ difficulty: value })}
                aria-label="Difficulty"
              />
            </Input.Wrapper>
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="Sender name"
              required
              value={input.senderName}
              error={errors.senderName}
              onChange={(e) => set({ senderName: e.currentTarget.value })}
            />
            <TextInput
              label="Sender address"
              required
              description="May use {{practice}}"
              value={input.senderAddress}
              error={errors.senderAddress}
              onChange={(e) => set({ senderAddress: e.currentTarget.value })}
            />
          </Group>
          <TextInput
            label="Subject"
            required
            value={input.subject}
            error={errors.subject}
            onChange={(e) => set({ subject: e.currentTarget.value })}
          />
          <Textarea
            label="HTML"
            required
            description="Scripts, event handlers, forms and frames are removed when you save."
            autosize
            minRows={10}
            maxRows={30}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            value={input.html}
            error={errors.html}
            onChange={(e) => set({ html: e.currentTarget.value })}
          />
          <Textarea
            label="Plain text"
            description="Leave empty to derive it from the HTML."
            autosize
            minRows={4}
            maxRows={14}
            value={input.text ?? ''}
            error={errors.text}
            onChange={(e) => set({ text: e.currentTarget.value })}
          />
          <Input.Wrapper label="Red flags" error={errors.redFlags}>
            <RedFlagsEditor value={input.redFlags} onChange={(redFlags) => set({ redFlags })} />
          </Input.Wrapper>
        </Stack>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Preview
          </Title>
          <Text size="sm">
            <strong>From:</strong> {fillSample(input.senderName)} &lt;{input.senderAddress}&gt;
            <br />
            <strong>Subject:</strong> {fillSample(input.subject)}
          </Text>
          <HtmlPreview html={fillSample(input.html)} title="Template preview" height={560} />
          <Title order={3} size="h5">
            Variables
          </Title>
          <VariablesList variables={template?.variables ?? defaultVariables} />
        </Stack>
      </SimpleGrid>
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button loading={save.isPending} onClick={submit}>
          {template ? 'Save changes' : 'Create template'}
        </Button>
      </Group>
    </Stack>
  );
}
