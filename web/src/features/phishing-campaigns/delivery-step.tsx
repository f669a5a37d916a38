import { Alert, Anchor, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useLandingPageOptions, useSendingProfileOptions } from '../../api/phishing-campaigns.ts';
import { QueryError } from '../../components/query-status.tsx';
import type { WizardState } from './wizard-state.ts';

interface DeliveryStepProps {
  state: WizardState;
  onChange: (patch: Partial<WizardState>) => void;
}

const builtinPage = 'builtin:teachable';

export function DeliveryStep({ state, onChange }: DeliveryStepProps) {
  const profiles = useSendingProfileOptions();
  const pages = useLandingPageOptions();
  const pageOptions = [
    { value: builtinPage, label: 'Built-in teachable page (shows the red flags of the email)' },
    ...(pages.data ?? [])
      .filter((page) => page.id !== builtinPage)
      .map((page) => ({
        value: page.id,
        label: `${page.name} (${page.kind === 'credential' ? 'form' : 'teachable'})`,
      })),
  ];
  return (
    <Stack maw={640}>
      {profiles.isError && <QueryError error={profiles.error} onRetry={() => void profiles.refetch()} />}
      {profiles.isSuccess && profiles.data.length === 0 && (
        <Alert color="yellow" title="No sending profile yet">
          Campaigns send through one of your SMTP relays.{' '}
          <Anchor component={Link} to="/phishing/sending-profiles">
            Add a sending profile
          </Anchor>{' '}
          first.
        </Alert>
      )}
      <Select
        label="Sending profile"
        description="The SMTP relay that delivers the simulation emails."
        required
        data={(profiles.data ?? []).map((profile) => ({ value: profile.id, label: profile.name }))}
        value={state.sendingProfileId}
        onChange={(sendingProfileId) => onChange({ sendingProfileId })}
      />
      <Select
        label="Landing page"
        description="What someone sees after clicking the link."
        data={pageOptions}
        value={state.landingPageId ?? builtinPage}
        onChange={(value) =>
          onChange({ landingPageId: value === builtinPage || value === null ? null : value })
        }
      />
      {pages.isError && (
        <Text size="sm" c="red">
          Your own landing pages could not be loaded; the built-in page is available.
        </Text>
      )}
    </Stack>
  );
}
