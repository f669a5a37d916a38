import { Alert, Button, Code, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { type SendingProfileView, useSendTestEmail } from '../../api/phishing-sending.ts';

/** Sends one test email through a profile and shows the mail server's answer. */
export function SendTestModal({
  profile,
  onClose,
}: {
  profile: SendingProfileView | null;
  onClose: () => void;
}) {
  const send = useSendTestEmail();
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('');
  const close = () => {
    send.reset();
    onClose();
  };
  const result = send.data;
  return (
    <Modal opened={profile !== null} onClose={close} title={`Send test email: ${profile?.name ?? ''}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (profile) send.mutate({ id: profile.id, to, ...(from ? { from } : {}) });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Send to"
            type="email"
            required
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
          />
          <TextInput
            label="Sender address"
            description="Leave empty to use the installation's sender address."
            type="email"
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
          />
          {send.error ? (
            <Alert color="red" role="alert">
              {errorMessage(send.error)}
            </Alert>
          ) : null}
          {result && (
            <Alert
              color={result.accepted ? 'teal' : 'red'}
              title={
                result.accepted ? 'The mail server accepted the email' : 'The mail server refused the email'
              }
              role="status"
            >
              <Code block>{result.response}</Code>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Close
            </Button>
            <Button type="submit" loading={send.isPending}>
              Send test email
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
