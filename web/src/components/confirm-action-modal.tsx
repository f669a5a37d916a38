import { Alert, Button, Group, Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-error.ts';

interface ConfirmActionModalProps {
  opened: boolean;
  title: string;
  /** What will happen, in the user's words. */
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** A confirmation for a destructive action: explanation, the server's error if any, Cancel and the action. */
export function ConfirmActionModal(props: ConfirmActionModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      {props.children}
      {props.error ? (
        <Alert color="red" mb="md" role="alert">
          {errorMessage(props.error)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button color="red" loading={props.pending} onClick={props.onConfirm}>
          {props.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
