import { SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { type EvidenceView, useWithdrawEvidence } from '../../api/controls.ts';
import { ConfirmActionModal } from '../../components/confirm-action-modal.tsx';

/** Withdrawing keeps the evidence in the history with the reason; nothing is deleted before retention ends. */
export function WithdrawEvidenceModal({
  evidence,
  onClose,
}: {
  evidence: EvidenceView | null;
  onClose: () => void;
}) {
  const withdraw = useWithdrawEvidence();
  const [status, setStatus] = useState<'superseded' | 'rejected'>('superseded');
  const [reason, setReason] = useState('');
  const close = () => {
    withdraw.reset();
    setReason('');
    onClose();
  };
  return (
    <ConfirmActionModal
      opened={evidence !== null}
      title="Withdraw evidence"
      confirmLabel="Withdraw"
      pending={withdraw.isPending}
      error={withdraw.error}
      onClose={close}
      onConfirm={() => {
        if (!evidence) return;
        withdraw.mutate({ id: evidence.id, status, reason }, { onSuccess: close });
      }}
    >
      <Stack gap="sm" mb="md">
        <Text size="sm">
          "{evidence?.title}" stops counting for this control. It stays in the history, with your reason,
          until {evidence?.retainUntil.slice(0, 10)}.
        </Text>
        <SegmentedControl
          value={status}
          onChange={(value) => setStatus(value as 'superseded' | 'rejected')}
          data={[
            { value: 'superseded', label: 'Superseded by newer evidence' },
            { value: 'rejected', label: 'Rejected as insufficient' },
          ]}
        />
        <Textarea
          label="Reason"
          required
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          maxLength={1000}
        />
      </Stack>
    </ConfirmActionModal>
  );
}
