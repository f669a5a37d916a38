import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { type DragEvent, type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { type EvidenceFields, type NewEvidence, useCreateEvidence } from '../../api/controls.ts';
import { usePracticeOptions } from '../../api/practices.ts';

type Kind = NewEvidence['kind'];

const accept = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.csv,.txt,.eml,.msg';
const maxBytes = 25 * 1024 * 1024;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function FileDrop({ file, onFile }: { file: File | null; onFile: (file: File) => void }) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  return (
    <Paper
      component="label"
      htmlFor={id}
      withBorder
      p="lg"
      radius="md"
      className="csv-drop-zone"
      data-dragging={dragging || undefined}
      onDragOver={(event: DragEvent) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        setDragging(false);
        const dropped = event.dataTransfer.files[0];
        if (dropped) onFile(dropped);
      }}
    >
      <VisuallyHidden>
        <input
          id={id}
          type="file"
          accept={accept}
          aria-label="Evidence file"
          onChange={(event) => {
            const chosen = event.currentTarget.files?.[0];
            if (chosen) onFile(chosen);
            event.currentTarget.value = '';
          }}
        />
      </VisuallyHidden>
      <Stack align="center" gap={4}>
        <Text fw={600}>{file ? file.name : 'Drop a file here, or click to choose one'}</Text>
        <Text size="sm" c="dimmed">
          PDF, PNG, JPEG, Word, Excel, CSV, text or email; at most 25 MB
        </Text>
      </Stack>
    </Paper>
  );
}

/** Adds evidence to a control: an uploaded file, a link, or a statement the signed-in person signs. */
export function EvidenceUploadForm({ controlId, validityDays }: { controlId: string; validityDays: number }) {
  const create = useCreateEvidence();
  const practices = usePracticeOptions();
  const [kind, setKind] = useState<Kind>('file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [statement, setStatement] = useState('');
  const [title, setTitle] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [expiresAt, setExpiresAt] = useState('');
  const [practiceId, setPracticeId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    setSaved(null);
    const fields: EvidenceFields = {
      controlId,
      title,
      effectiveDate,
      expiresAt: expiresAt || undefined,
      practiceId,
      description: description || null,
    };
    let input: NewEvidence;
    if (kind === 'file') {
      if (!file) return setLocalError('Choose a file first.');
      if (file.size > maxBytes) return setLocalError(`"${file.name}" is larger than the 25 MB limit.`);
      input = { kind, file, fields };
    } else if (kind === 'link') input = { kind, url, fields };
    else input = { kind, statement, fields };
    create.mutate(input, {
      onSuccess: (created) => {
        setSaved(`"${created.title}" was added.`);
        setFile(null);
        setTitle('');
        setUrl('');
        setStatement('');
        setDescription('');
        setExpiresAt('');
      },
    });
  };

  return (
    <form onSubmit={submit} aria-label="Add evidence">
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as Kind)}
          data={[
            { value: 'file', label: 'File' },
            { value: 'link', label: 'Link' },
            { value: 'attestation', label: 'Attestation' },
          ]}
        />
        {kind === 'file' && <FileDrop file={file} onFile={setFile} />}
        {kind === 'link' && (
          <TextInput
            label="Link (https)"
            required
            type="url"
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
        )}
        {kind === 'attestation' && (
          <Textarea
            label="Statement"
            description="You sign this statement: Enamel records who signed it, when, and a SHA-256 of both with the text."
            required
            autosize
            minRows={3}
            value={statement}
            onChange={(e) => setStatement(e.currentTarget.value)}
          />
        )}
        <TextInput
          label="Title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <TextInput
            label="Effective date"
            description="The day the evidence speaks for; not after today"
            type="date"
            required
            max={today()}
            value={effectiveDate}
            onChange={(e) => setEffectiveDate(e.currentTarget.value)}
          />
          <TextInput
            label="Expires"
            description={`Leave empty for ${validityDays} days after the effective date`}
            type="date"
            value={expiresAt}
            onChange={(e) => setExpiresAt(e.currentTarget.value)}
          />
        </Group>
        <Select
          label="Practice"
          placeholder="DSO-wide"
          clearable
          searchable
          data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={practiceId}
          onChange={setPracticeId}
        />
        <Textarea
          label="Notes"
          autosize
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        {(localError || create.error) && (
          <Alert color="red" role="alert">
            {localError ?? errorMessage(create.error)}
          </Alert>
        )}
        {saved && (
          <Alert color="green" role="status">
            {saved}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Add evidence
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
