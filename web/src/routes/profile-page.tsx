import { Badge, Paper, Stack } from '@mantine/core';
import { useMe } from '../api/me.ts';
import { DetailList } from '../components/detail-list.tsx';
import { formatDateTime } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ChangePasswordForm } from '../features/identity/change-password-form.tsx';
import { PasskeysPanel } from '../features/identity/passkeys/passkeys-panel.tsx';
import { roleLabels } from '../features/identity/permissions.ts';
import { SessionsPanel } from '../features/identity/sessions-panel.tsx';
import { MyAttestationsPanel } from '../features/policies/my-attestations-panel.tsx';

export function ProfilePage() {
  const me = useMe();
  if (!me.data) return null;
  const { user, dso } = me.data;
  return (
    <>
      <PageHeader title="Profile" description="Your account, your password and where you are signed in." />
      <Stack gap="lg" maw={1000}>
        <Paper withBorder p="lg" radius="md">
          <DetailList
            items={[
              { label: 'Name', value: user.displayName },
              { label: 'Email', value: user.email },
              { label: 'Role', value: <Badge variant="light">{roleLabels[user.role]}</Badge> },
              { label: 'Organisation', value: dso.name },
              { label: 'Two-step sign-in', value: user.mfaEnabled ? 'On' : 'Off' },
              { label: 'Account expires', value: user.expiresAt ? formatDateTime(user.expiresAt) : 'Never' },
            ]}
          />
        </Paper>
        <MyAttestationsPanel />
        <ChangePasswordForm user={user} />
        <PasskeysPanel />
        <SessionsPanel />
      </Stack>
    </>
  );
}
