import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type RiskView, useAcceptRisk } from '../../api/risks.ts';
import { mapServerError } from '../../components/forms/server-errors.ts';

function isoToday(offsetDays = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

/** Accepting records you as the approver, your reason and an expiry at most one year ahead. */
export function AcceptRiskModal({ risk, onClose }: { risk: RiskView | null; onClose: () => void }) {
  const accept = useAcceptRisk();
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState(isoToday(90));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const server = accept.error ? mapServerError(accept.error, ['reason', 'expiresOn']) : null;
  const errorOf = (key: string) => clientErrors[key] ?? server?.fieldErrors[key];
  const close = () => {
    accept.reset();
    setReason('');
    setClientErrors({});
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!risk) return;
    const errors: Record<string, string> = {};
    if (reason.trim().length < 20) errors.reason = 'Say why the risk is acceptable (at least 20 characters).';
    if (!expiresOn) errors.expiresOn = 'Choose when the acceptance ends.';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    accept.mutate({ id: risk.id, reason: reason.trim(), expiresOn }, { onSuccess: close });
  };
  return (
    <Modal opened={risk !== null} onClose={close} title="Accept risk" size="lg">
      <form onSubmit={submit} noValidate aria-label="Accept risk">
        <Stack gap="md">
          <Text size="sm">
            You accept <strong>{risk?.title}</strong> as it is. Your name is recorded as the approver; when
            the acceptance expires the risk shows as “Acceptance expired” and needs review.
          </Text>
          {server?.formError && (
            <Alert color="red" role="alert" title={server.formError.message}>
              {server.formError.details.join(' ')}
            </Alert>
          )}
          <Textarea
            label="Reason"
            required
            minLength={20}
            maxLength={2000}
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errorOf('reason')}
            data-autofocus
          />
          <TextInput
            label="Acceptance expires on"
            description="At most one year ahead"
            type="date"
            required
            min={isoToday(1)}
            max={isoToday(365)}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={errorOf('expiresOn')}
            maw={240}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={accept.isPending}>
              Accept risk
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
