import { Alert, Button, Center, Image, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { useConfirmMfaEnrolment } from '../../api/session.ts';
import type { MfaEnrolment as Enrolment } from '../../api/types.ts';
import { CopyField } from '../../components/copy-field.tsx';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { MfaCodeInput } from './mfa-code-input.tsx';

/**
 * Starting an enrolment is a POST, kept in a query so that it runs once per visit: a second call would replace
 * the secret the first QR code showed (React runs effects twice in development).
 */
function useEnrolment(userId: string) {
  return useQuery({
    queryKey: ['mfa-enrolment', userId],
    queryFn: () => api.post<Enrolment>('/auth/mfa/enrol'),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function MfaEnrolment({
  userId,
  onConfirmed,
}: {
  userId: string;
  onConfirmed: (codes: string[]) => void;
}) {
  const enrolment = useEnrolment(userId);
  const confirm = useConfirmMfaEnrolment();
  const [code, setCode] = useState('');

  if (enrolment.isPending) return <PageLoader label="Preparing two-step sign-in" />;
  if (enrolment.isError)
    return <QueryError error={enrolment.error} onRetry={() => void enrolment.refetch()} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return;
    confirm.mutate(code.trim(), { onSuccess: (result) => onConfirmed(result.recoveryCodes) });
  };

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>
          Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password…).
        </List.Item>
        <List.Item>Scan the QR code, or type the setup key into the app.</List.Item>
        <List.Item>Enter the 6-digit code the app shows.</List.Item>
      </List>
      <Center>
        <Image
          src={enrolment.data.qrDataUrl}
          alt="QR code to scan with your authenticator app"
          w={220}
          h={220}
          fit="contain"
        />
      </Center>
      <CopyField
        label="Setup key"
        value={enrolment.data.secret}
        description="For manual entry: choose a time-based key."
      />
      <form onSubmit={submit} aria-label="Confirm two-step sign-in">
        <Stack gap="md">
          {confirm.error && (
            <Alert color="red" role="alert" title="Code not accepted">
              {errorMessage(confirm.error)}
            </Alert>
          )}
          <MfaCodeInput
            label="6-digit code"
            value={code}
            onChange={setCode}
            error={code && !/^\d{0,6}$/.test(code) ? 'Use the 6 digits the app shows.' : undefined}
          />
          <Button type="submit" loading={confirm.isPending} disabled={!/^\d{6}$/.test(code.trim())}>
            Confirm
          </Button>
        </Stack>
      </form>
      <Text size="xs" c="dimmed">
        Two-step sign-in is required for every role above staff.
      </Text>
    </Stack>
  );
}
