import { Alert, Button, Checkbox, Group, Loader, Stack, Text } from '@mantine/core';
import { errorMessage, isApiError } from '../../api/api-error.ts';
import type { ImportResult } from '../../api/types.ts';
import { ImportIssuesTable } from './import-issues-table.tsx';
import { ImportSummaryTable } from './import-summary-table.tsx';

interface ReviewStepProps {
  fileName: string;
  isChecking: boolean;
  checkError: unknown;
  dryRun: ImportResult | undefined;
  terminateMissing: boolean;
  onTerminateMissingChange: (value: boolean) => void;
  onBack: () => void;
  onConfirm: () => void;
  isImporting: boolean;
  importError: unknown;
}

function ImportFailure({ error }: { error: unknown }) {
  if (isApiError(error) && error.issues.some((issue) => issue.line !== undefined)) {
    return <ImportIssuesTable issues={error.issues} />;
  }
  return (
    <Alert color="red" title="The file could not be checked" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

export function ReviewStep(props: ReviewStepProps) {
  const { dryRun, isChecking, checkError } = props;
  return (
    <Stack gap="md">
      <Text>
        Checked <strong>{props.fileName}</strong>
        {dryRun ? `: ${dryRun.rows} row${dryRun.rows === 1 ? '' : 's'}, ready to import.` : '.'}
      </Text>
      <Checkbox
        label="Terminate people missing from the file"
        description="Use when the file is your complete roster: anyone not listed is marked terminated (their history stays)."
        checked={props.terminateMissing}
        onChange={(event) => props.onTerminateMissingChange(event.currentTarget.checked)}
        disabled={isChecking || props.isImporting}
      />
      {isChecking && <Loader aria-label="Checking the file" />}
      {!isChecking && checkError !== null && <ImportFailure error={checkError} />}
      {!isChecking && dryRun && <ImportSummaryTable result={dryRun} caption="Changes the import will make" />}
      {props.importError !== null && <ImportFailure error={props.importError} />}
      <Group justify="space-between">
        <Button variant="default" onClick={props.onBack}>
          Choose another file
        </Button>
        {dryRun && !isChecking && (
          <Button onClick={props.onConfirm} loading={props.isImporting}>
            Confirm import
          </Button>
        )}
      </Group>
    </Stack>
  );
}
