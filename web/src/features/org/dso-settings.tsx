import { Paper, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useUpdateDso } from '../../api/me.ts';
import type { DsoView } from '../../api/types.ts';
import { changedFields } from '../../components/forms/form-values.ts';
import { DsoForm } from './dso-form.tsx';
import { toDsoFormValues, toDsoInput } from './dso-form-values.ts';

export function DsoSettings({ dso }: { dso: DsoView }) {
  const updateDso = useUpdateDso(dso.id);
  const initialValues = toDsoFormValues(dso);
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="md">
        DSO details
      </Title>
      <DsoForm
        key={dso.updatedAt}
        initialValues={initialValues}
        submitLabel="Save changes"
        isSubmitting={updateDso.isPending}
        onSubmit={async (input) => {
          const changes = changedFields(toDsoInput(initialValues), input);
          if (Object.keys(changes).length > 0) await updateDso.mutateAsync(changes);
          notifications.show({ color: 'green', message: 'DSO details saved.' });
        }}
      />
    </Paper>
  );
}
