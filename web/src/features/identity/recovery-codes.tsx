import { Alert, Button, Checkbox, Code, Group, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { downloadText } from '../../components/download.ts';

function codesFile(codes: readonly string[], account: string): string {
  return [
    `Enamel recovery codes for ${account}`,
    'Each code signs you in once when your phone is not at hand. Keep them somewhere safe.',
    '',
    ...codes,
    '',
  ].join('\r\n');
}

/** The ten recovery codes, shown once, right after enrolment. */
export function RecoveryCodes({
  codes,
  account,
  onDone,
  isContinuing,
}: {
  codes: readonly string[];
  account: string;
  onDone: () => void;
  isContinuing: boolean;
}) {
  const [isSaved, setIsSaved] = useState(false);
  return (
    <Stack gap="md">
      <Alert color="yellow" title="Save these codes now">
        They are shown only this once. Each one lets you sign in a single time if you lose your phone.
      </Alert>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ul"
        aria-label="Recovery codes"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md">{code}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Group>
        <Button
          variant="default"
          onClick={() => downloadText('enamel-recovery-codes.txt', codesFile(codes, account))}
        >
          Download as .txt
        </Button>
      </Group>
      <Checkbox
        label="I have saved these codes"
        checked={isSaved}
        onChange={(event) => setIsSaved(event.currentTarget.checked)}
      />
      <Button onClick={onDone} disabled={!isSaved} loading={isContinuing}>
        Continue
      </Button>
    </Stack>
  );
}
