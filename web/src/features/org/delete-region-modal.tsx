import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { errorMessage } from '../../api/api-error.ts';
import { useDeleteRegion } from '../../api/regions.ts';
import type { RegionView } from '../../api/types.ts';

export function DeleteRegionModal({ region, onClose }: { region: RegionView | null; onClose: () => void }) {
  const deleteRegion = useDeleteRegion();
  const close = () => {
    deleteRegion.reset();
    onClose();
  };
  return (
    <Modal opened={region !== null} onClose={close} title="Delete region">
      <Text mb="md">
        Delete the region <strong>{region?.name}</strong>?{' '}
        {region && region.practiceCount > 0
          ? `Its ${region.practiceCount} practice(s) stay, without a region.`
          : 'No practice belongs to it.'}
      </Text>
      {deleteRegion.error && (
        <Alert color="red" mb="md" role="alert">
          {errorMessage(deleteRegion.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button
          color="red"
          loading={deleteRegion.isPending}
          onClick={() => region && deleteRegion.mutate(region.id, { onSuccess: close })}
        >
          Delete region
        </Button>
      </Group>
    </Modal>
  );
}
