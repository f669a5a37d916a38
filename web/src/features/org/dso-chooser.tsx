import { Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useSwitchDso } from '../../api/me.ts';
import type { DsoSummary } from '../../api/types.ts';

/** Several DSOs exist and none is chosen yet. */
export function DsoChooser({ dsos }: { dsos: DsoSummary[] }) {
  const switchDso = useSwitchDso();
  return (
    <Container size="xs" py="xl">
      <Title order={1} mb="xs">
        Choose a DSO
      </Title>
      <Text c="dimmed" mb="lg">
        This Enamel server manages several dental service organizations. Pick the one to work on; you can
        switch at any time from the header.
      </Text>
      <Paper withBorder p="lg" radius="md">
        <Stack>
          {dsos.map((dso) => (
            <Button key={dso.id} variant="light" onClick={() => switchDso(dso.id)} justify="flex-start">
              {dso.name}
            </Button>
          ))}
        </Stack>
      </Paper>
    </Container>
  );
}
