import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { useImportReadings } from '../../api/controls.ts';
import { downloadText } from '../../components/download.ts';
import { CsvDropZone } from '../people-import/csv-drop-zone.tsx';

const template = 'signal,practice,value,observedAt\nmfa-coverage,,97.5,2026-11-01T09:00:00Z\n';

/** CSV upload of readings: all or nothing; each problem is listed by line and column. */
export function SignalImport() {
  const importReadings = useImportReadings();
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const error = importReadings.error;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Columns: <code>signal,practice,value,observedAt</code>. Leave practice empty for a DSO-wide value, or
        give the practice's id or exact name. Nothing is imported unless every line is valid.
      </Text>
      <CsvDropZone
        fileName={fileName}
        onFile={(file) => {
          setFileName(file.name);
          setResult(null);
          void file.text().then((csv) =>
            importReadings.mutate(csv, {
              onSuccess: (done) => setResult(`Imported ${done.imported} reading(s).`),
            }),
          );
        }}
      />
      <Group>
        <Button
          variant="subtle"
          size="xs"
          onClick={() => downloadText('signal-readings.csv', template, 'text/csv')}
        >
          Download a template
        </Button>
      </Group>
      {result && (
        <Alert color="green" role="status">
          {result}
        </Alert>
      )}
      {error ? (
        <Alert color="red" role="alert" title={error.message}>
          {isApiError(error) && error.issues.length > 0 && (
            <List size="sm">
              {error.issues.slice(0, 50).map((issue) => (
                <List.Item key={`${issue.line}-${issue.column}-${issue.code}`}>
                  Line {issue.line}, {issue.column}: {issue.message}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      ) : null}
    </Stack>
  );
}
