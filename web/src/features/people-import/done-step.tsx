import { Alert, Button, Group, Stack } from '@mantine/core';
import { Link } from 'react-router';
import type { ImportResult } from '../../api/types.ts';
import { ImportSummaryTable } from './import-summary-table.tsx';

export function DoneStep({ result, onRestart }: { result: ImportResult; onRestart: () => void }) {
  return (
    <Stack gap="md">
      <Alert color="green" title="Import complete">
        {result.rows} row{result.rows === 1 ? '' : 's'} imported.
      </Alert>
      <ImportSummaryTable result={result} caption="Changes made" />
      <Group>
        <Button component={Link} to="/people">
          Go to People
        </Button>
        <Button variant="default" onClick={onRestart}>
          Import another file
        </Button>
      </Group>
    </Stack>
  );
}
