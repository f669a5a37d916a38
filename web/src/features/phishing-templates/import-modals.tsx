import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  Rating,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../api/api-error.ts';
import {
  type GophishImportResult,
  type TemplateCategory,
  type TemplateView,
  templateCategories,
  useImportEml,
  useImportGophish,
} from '../../api/phishing-templates.ts';
import { categoryLabels } from './template-labels.tsx';

function DraftSettings({
  category,
  difficulty,
  onCategory,
  onDifficulty,
}: {
  category: TemplateCategory;
  difficulty: number;
  onCategory: (value: TemplateCategory) => void;
  onDifficulty: (value: number) => void;
}) {
  return (
    <Group grow align="flex-end">
      <Select
        label="Category of the new templates"
        allowDeselect={false}
        data={templateCategories.map((value) => ({ value, label: categoryLabels[value] }))}
        value={category}
        onChange={(value) => onCategory((value as TemplateCategory) ?? category)}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Difficulty
        </Text>
        <Rating value={difficulty} count={5} onChange={onDifficulty} aria-label="Difficulty" />
      </Stack>
    </Group>
  );
}

function ImportErrors({ error }: { error: unknown }) {
  if (!error) return null;
  const issues = isApiError(error) ? error.issues : [];
  return (
    <Alert color="red" title={errorMessage(error)} role="alert">
      {issues.length > 0 && (
        <List size="sm">
          {issues.slice(0, 50).map((issue) => (
            <List.Item key={`${(issue.path ?? []).join('.')}-${issue.message}`}>
              {(issue.path ?? []).join('.') || 'file'}: {issue.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Upload of a raw .eml: the server keeps subject and sender and points every link to the tracked link. */
export function ImportEmlModal({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (t: TemplateView) => void;
}) {
  const importEml = useImportEml();
  const [file, setFile] = useState<File | null>(null);
  const [category, setCategory] = useState<TemplateCategory>('it');
  const [difficulty, setDifficulty] = useState(3);
  return (
    <Modal opened onClose={onClose} title="Import an email (.eml)" size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          Save a real phishing email as .eml (in Outlook: drag it to the desktop; in Gmail: Show original,
          then Download) and upload it. Every link in it is replaced by the tracked link; add the red flags
          after importing.
        </Text>
        <FileInput
          label="Email file"
          accept=".eml,message/rfc822"
          value={file}
          onChange={setFile}
          clearable
        />
        <DraftSettings
          category={category}
          difficulty={difficulty}
          onCategory={setCategory}
          onDifficulty={setDifficulty}
        />
        <ImportErrors error={importEml.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!file}
            loading={importEml.isPending}
            onClick={() =>
              file && importEml.mutate({ file, category, difficulty }, { onSuccess: onImported })
            }
          >
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function GophishResult({ result }: { result: GophishImportResult }) {
  return (
    <Stack gap="sm">
      <Alert color="green" title="Imported">
        {result.templates.length} template(s) and {result.landingPages.length} landing page(s) were created.
      </Alert>
      {result.warnings.length > 0 && (
        <Alert color="yellow" title="Check these">
          <List size="sm">
            {result.warnings.map((warning) => (
              <List.Item key={`${warning.path.join('.')}-${warning.message}`}>
                {warning.path.join('.')}: {warning.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result.groups.map((group) => (
        <Stack key={group.name} gap={4}>
          <Text fw={600}>
            Group “{group.name}”: {group.matched.length} matched to people, {group.unmatched.length} not in
            the people directory
          </Text>
          {group.unmatched.length > 0 && (
            <Table aria-label={`Targets of ${group.name} not in the people directory`} withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Position</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {group.unmatched.map((target) => (
                  <Table.Tr key={target.email}>
                    <Table.Td>{target.email}</Table.Td>
                    <Table.Td>
                      {target.firstName} {target.lastName}
                    </Table.Td>
                    <Table.Td>{target.position}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ))}
      {result.groups.length > 0 && (
        <Text size="sm" c="dimmed">
          Groups create no one: add the missing people in the people directory (or import them from CSV), then
          target them by practice, role or tag.
        </Text>
      )}
    </Stack>
  );
}

/** Paste or upload GoPhish's JSON (templates, pages, groups); all or nothing. */
export function ImportGophishModal({ onClose }: { onClose: () => void }) {
  const importGophish = useImportGophish();
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const [category, setCategory] = useState<TemplateCategory>('it');
  const [difficulty, setDifficulty] = useState(3);

  const readFile = async (file: File | null) => {
    if (file) setText(await file.text());
  };
  const submit = () => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      setParseError(`This is not valid JSON: ${errorMessage(error)}`);
      return;
    }
    setParseError(null);
    importGophish.mutate({ json, category, difficulty });
  };

  return (
    <Modal opened onClose={onClose} title="Import from GoPhish" size="xl">
      {importGophish.data ? (
        <Stack>
          <GophishResult result={importGophish.data} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            Paste the JSON of GoPhish's API: a template, page or group, a list of them (GET /api/templates/,
            /api/pages/, /api/groups/), or {'{"templates": [...], "pages": [...], "groups": [...]}'}.
            Credential pages never keep what people type: Enamel records only that something was submitted.
          </Text>
          <FileInput label="JSON file" accept=".json,application/json" onChange={readFile} clearable />
          <Textarea
            label="JSON"
            autosize
            minRows={8}
            maxRows={20}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            value={text}
            error={parseError}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <DraftSettings
            category={category}
            difficulty={difficulty}
            onCategory={setCategory}
            onDifficulty={setDifficulty}
          />
          <ImportErrors error={importGophish.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button disabled={text.trim() === ''} loading={importGophish.isPending} onClick={submit}>
              Import
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
