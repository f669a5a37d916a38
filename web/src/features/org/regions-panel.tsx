import { Button, Group, Paper, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { useCreateRegion, useRegions } from '../../api/regions.ts';
import type { RegionView } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { DeleteRegionModal } from './delete-region-modal.tsx';
import { RegionRow } from './region-row.tsx';

function AddRegionForm() {
  const [name, setName] = useState('');
  const createRegion = useCreateRegion();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    createRegion.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="New region"
          placeholder="North Texas"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            createRegion.reset();
          }}
          error={createRegion.error ? errorMessage(createRegion.error) : undefined}
          maxLength={100}
          style={{ flex: 1 }}
        />
        <Button type="submit" loading={createRegion.isPending} disabled={!name.trim()}>
          Add region
        </Button>
      </Group>
    </form>
  );
}

export function RegionsPanel({ canEdit }: { canEdit: boolean }) {
  const regions = useRegions();
  const [toDelete, setToDelete] = useState<RegionView | null>(null);
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb={4}>
        Regions
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        Group practices by region to filter lists and, later, to scope regional managers' access.
      </Text>
      {regions.isPending && <PageLoader label="Loading regions" />}
      {regions.isError && <QueryError error={regions.error} onRetry={() => void regions.refetch()} />}
      {regions.data && regions.data.length === 0 && (
        <Text size="sm" mb="md">
          No regions yet.
        </Text>
      )}
      {regions.data && regions.data.length > 0 && (
        <Table mb="md" aria-label="Regions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Practices</Table.Th>
              {canEdit && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {regions.data.map((region) => (
              <RegionRow key={region.id} region={region} onDelete={setToDelete} canEdit={canEdit} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && <AddRegionForm />}
      <DeleteRegionModal region={toDelete} onClose={() => setToDelete(null)} />
    </Paper>
  );
}
