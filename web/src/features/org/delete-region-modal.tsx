import { Text } from '@mantine/core';
import { useDeleteRegion } from '../../api/regions.ts';
import type { RegionView } from '../../api/types.ts';
import { ConfirmActionModal } from '../../components/confirm-action-modal.tsx';

export function DeleteRegionModal({ region, onClose }: { region: RegionView | null; onClose: () => void }) {
  const deleteRegion = useDeleteRegion();
  const close = () => {
    deleteRegion.reset();
    onClose();
  };
  return (
    <ConfirmActionModal
      opened={region !== null}
      title="Delete region"
      confirmLabel="Delete region"
      pending={deleteRegion.isPending}
      error={deleteRegion.error}
      onConfirm={() => region && deleteRegion.mutate(region.id, { onSuccess: close })}
      onClose={close}
    >
      <Text mb="md">
        Delete the region <strong>{region?.name}</strong>?{' '}
        {region && region.practiceCount > 0
          ? `Its ${region.practiceCount} practice(s) stay, without a region.`
          : 'No practice belongs to it.'}
      </Text>
    </ConfirmActionModal>
  );
}
