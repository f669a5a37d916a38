import { Badge, Group, Stack, Text } from '@mantine/core';
import { useDso, useMe } from '../api/me.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { roleLabels, useCan } from '../features/identity/permissions.ts';
import { DsoSettings } from '../features/org/dso-settings.tsx';
import { RegionsPanel } from '../features/org/regions-panel.tsx';

export function SettingsPage() {
  const me = useMe();
  const dso = useDso();
  const can = useCan();
  const role = me.data?.user.role;
  return (
    <>
      <PageHeader
        title="Organisation settings"
        description="Your DSO's identity and how its practices are grouped."
      />
      <Stack gap="lg" maw={900}>
        {role && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Your role:
            </Text>
            <Badge variant="light">{roleLabels[role]}</Badge>
            {!can('dsos:write') && (
              <Text size="sm" c="dimmed">
                Only a DSO administrator can change these details.
              </Text>
            )}
          </Group>
        )}
        {dso.isPending && <PageLoader label="Loading the DSO" />}
        {dso.isError && <QueryError error={dso.error} onRetry={() => void dso.refetch()} />}
        {dso.data && <DsoSettings dso={dso.data} canEdit={can('dsos:write')} />}
        <RegionsPanel canEdit={can('regions:write')} />
      </Stack>
    </>
  );
}
