import { Container, Paper, Text, Title } from '@mantine/core';
import { useCreateDso } from '../../api/me.ts';
import { DsoForm } from './dso-form.tsx';
import { toDsoFormValues } from './dso-form-values.ts';

/** First run (or "add another DSO"): creates a DSO and makes it current. */
export function DsoSetup({ isFirstRun }: { isFirstRun: boolean }) {
  const createDso = useCreateDso();
  return (
    <Container size="sm" py="xl">
      <Title order={1} mb="xs">
        {isFirstRun ? 'Welcome to Enamel' : 'Add a DSO'}
      </Title>
      <Text c="dimmed" mb="lg">
        {isFirstRun
          ? 'Start by describing your dental service organization. You can change these details later in Organisation settings.'
          : 'Create another dental service organization. Each DSO keeps its own practices and people.'}
      </Text>
      <Paper withBorder p="lg" radius="md">
        <DsoForm
          initialValues={toDsoFormValues(null)}
          submitLabel="Create DSO"
          isSubmitting={createDso.isPending}
          onSubmit={({ name, legalName, domains, hqAddress }) =>
            createDso.mutateAsync({
              name,
              domains,
              ...(legalName ? { legalName } : {}),
              ...(hqAddress ? { hqAddress } : {}),
            })
          }
        />
      </Paper>
    </Container>
  );
}
