import { Button, Group, Table, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { useRenameRegion } from '../../api/regions.ts';
import type { RegionView } from '../../api/types.ts';

interface RegionRowProps {
  region: RegionView;
  onDelete: (region: RegionView) => void;
  canEdit: boolean;
}

export function RegionRow({ region, onDelete, canEdit }: RegionRowProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const renameRegion = useRenameRegion();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null || !draft.trim()) return;
    await renameRegion.mutateAsync({ id: region.id, name: draft.trim() }).then(
      () => setDraft(null),
      () => {},
    );
  };

  if (draft !== null) {
    return (
      <Table.Tr>
        <Table.Td colSpan={3}>
          <form onSubmit={save}>
            <Group gap="xs" align="flex-start">
              <TextInput
                aria-label={`New name for ${region.name}`}
                value={draft}
                onChange={(event) => setDraft(event.currentTarget.value)}
                error={renameRegion.error ? errorMessage(renameRegion.error) : undefined}
                maxLength={100}
                data-autofocus
                style={{ flex: 1 }}
              />
              <Button type="submit" size="sm" loading={renameRegion.isPending}>
                Save
              </Button>
              <Button variant="default" size="sm" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </Group>
          </form>
        </Table.Td>
      </Table.Tr>
    );
  }
  return (
    <Table.Tr>
      <Table.Td>{region.name}</Table.Td>
      <Table.Td>{region.practiceCount}</Table.Td>
      {canEdit && (
        <Table.Td>
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setDraft(region.name)}
              aria-label={`Rename ${region.name}`}
            >
              Rename
            </Button>
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => onDelete(region)}
              aria-label={`Delete ${region.name}`}
            >
              Delete
            </Button>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
