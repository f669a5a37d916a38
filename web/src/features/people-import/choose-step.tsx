import { Alert, Anchor, Button, Code, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { jobRoles } from '../../api/types.ts';
import { CsvDropZone } from './csv-drop-zone.tsx';
import { exampleCsv, importColumns, templateHref } from './csv-template.ts';

export interface CsvSource {
  name: string;
  csv: string;
}

const maxBytes = 50 * 1024 * 1024;

export function ChooseStep({
  onChosen,
  lastName,
}: {
  onChosen: (source: CsvSource) => void;
  lastName: string | null;
}) {
  const [pasted, setPasted] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);

  const readFile = async (file: File) => {
    setFileError(null);
    if (file.size > maxBytes) {
      setFileError(`"${file.name}" is larger than 50 MB; split it into several files.`);
      return;
    }
    onChosen({ name: file.name, csv: await file.text() });
  };

  return (
    <Stack gap="md">
      <Text>
        Upload your workforce roster as CSV, one person per row, with a header row naming the columns:{' '}
        <Code>{importColumns.join(',')}</Code>. Every row needs an email, first and last name, job role (
        {jobRoles.join(', ')}) and at least one practice; separate several practice names or tags with{' '}
        <Code>;</Code>. Dates are YYYY-MM-DD.{' '}
        <Anchor href={templateHref} download="enamel-people-template.csv">
          Download the CSV template
        </Anchor>
        .
      </Text>
      {fileError && (
        <Alert color="red" role="alert">
          {fileError}
        </Alert>
      )}
      <CsvDropZone onFile={(file) => void readFile(file)} fileName={lastName} />
      <Textarea
        label="Or paste CSV"
        placeholder={exampleCsv}
        autosize
        minRows={4}
        maxRows={12}
        value={pasted}
        onChange={(event) => setPasted(event.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group justify="flex-end">
        <Button disabled={!pasted.trim()} onClick={() => onChosen({ name: 'Pasted CSV', csv: pasted })}>
          Check pasted CSV
        </Button>
      </Group>
    </Stack>
  );
}
