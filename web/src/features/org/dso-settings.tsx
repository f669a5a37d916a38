import { Paper, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useUpdateDso } from '../../api/me.ts';
import type { DsoView } from '../../api/types.ts';
import { DetailList } from '../../components/detail-list.tsx';
import { changedFields } from '../../components/forms/form-values.ts';
import { DsoForm } from './dso-form.tsx';
import { toDsoFormValues, toDsoInput } from './dso-form-values.ts';

function addressText(dso: DsoView): string | null {
  const address = dso.hqAddress;
  if (!address) return null;
  return [address.line1, address.line2, `${address.city}, ${address.state} ${address.postalCode}`]
    .filter(Boolean)
    .join(', ');
}

export function DsoSettings({ dso, canEdit }: { dso: DsoView; canEdit: boolean }) {
  const updateDso = useUpdateDso();
  const initialValues = toDsoFormValues(dso);
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="md">
        DSO details
      </Title>
      {canEdit ? (
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
      ) : (
        <DetailList
          items={[
            { label: 'DSO name', value: dso.name },
            { label: 'Legal name', value: dso.legalName },
            { label: 'Email domains', value: dso.domains.join(', ') },
            { label: 'Headquarters', value: addressText(dso) },
          ]}
        />
      )}
    </Paper>
  );
}
