import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../api/me.ts';
import { PageHeader } from '../components/page-header.tsx';
import { DsoSettings } from '../features/org/dso-settings.tsx';
import { RegionsPanel } from '../features/org/regions-panel.tsx';

export function SettingsPage() {
  const me = useMe();
  const dso = me.data?.dso;
  if (!dso) return null;
  return (
    <>
      <PageHeader
        title="Organisation settings"
        description="Your DSO's identity and how its practices are grouped."
      />
      <Stack gap="lg" maw={900}>
        <DsoSettings dso={dso} />
        <RegionsPanel />
        <Text size="sm" c="dimmed">
          Managing another organization?{' '}
          <Anchor component={Link} to="/setup">
            Add a DSO
          </Anchor>
        </Text>
      </Stack>
    </>
  );
}
