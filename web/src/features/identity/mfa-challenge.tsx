import { Alert, Button, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { useVerifyMfa } from '../../api/session.ts';
import { MfaCodeInput } from './mfa-code-input.tsx';
import { PasskeyMfaButton } from './passkeys/passkey-buttons.tsx';

export function MfaChallenge() {
  const verify = useVerifyMfa();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim().length >= 6) verify.mutate(code.trim());
  };
  return (
    <form onSubmit={submit} aria-label="Two-step sign-in">
      <Stack gap="md">
        {verify.error && (
          <Alert color="red" role="alert" title="Code not accepted">
            {errorMessage(verify.error)}
          </Alert>
        )}
        <MfaCodeInput
          label="Authentication code"
          description="The 6-digit code from your authenticator app, or one of your recovery codes."
          value={code}
          onChange={setCode}
          allowRecoveryCode
        />
        <Button type="submit" loading={verify.isPending} disabled={code.trim().length < 6}>
          Verify
        </Button>
        <PasskeyMfaButton />
      </Stack>
    </form>
  );
}
