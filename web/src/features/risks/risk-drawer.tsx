import { Alert, Button, Divider, Drawer, Group, Stack, Text } from '@mantine/core';
import { type RiskView, useUpdateRisk } from '../../api/risks.ts';
import { DetailList } from '../../components/detail-list.tsx';
import { useCan } from '../identity/permissions.ts';
import { RiskForm } from './risk-form.tsx';
import { RiskLevelBadge } from './risk-level-badge.tsx';
import { RiskStateBadges } from './risk-table.tsx';

interface RiskDrawerProps {
  risk: RiskView | null;
  onClose: () => void;
  onAccept: (risk: RiskView) => void;
}

/** One risk: its facts, the acceptance if any, and the form to treat it. */
export function RiskDrawer({ risk, onClose, onAccept }: RiskDrawerProps) {
  const can = useCan();
  const update = useUpdateRisk();
  const canEdit = risk?.editable === true && can('compliance:write');
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <Drawer opened={risk !== null} onClose={close} position="right" size="xl" title={risk?.title ?? 'Risk'}>
      {risk && (
        <Stack gap="md">
          <Group gap="sm">
            <RiskLevelBadge level={risk.level} />
            <RiskStateBadges risk={risk} />
          </Group>
          {risk.closeSuggested && (
            <Alert color="teal" title="The assessment no longer indicates this risk">
              The answers that proposed it have improved. Check the fix, then set the status to Closed.
            </Alert>
          )}
          {risk.state === 'acceptance_expired' && (
            <Alert color="red" title="Acceptance expired">
              The acceptance ended on {risk.acceptance?.expiresOn}. Review the risk: accept it again, or
              choose another treatment.
            </Alert>
          )}
          <DetailList
            items={[
              { label: 'Practice', value: risk.practiceName ?? 'DSO-wide' },
              {
                label: 'Source',
                value: risk.source === 'questionnaire' ? `Assessment (${risk.sourceRef})` : 'Entered',
              },
              ...(risk.acceptance
                ? [
                    { label: 'Accepted by', value: risk.acceptance.approver },
                    { label: 'Reason', value: risk.acceptance.reason },
                    { label: 'Acceptance expires', value: risk.acceptance.expiresOn },
                  ]
                : []),
            ]}
          />
          {canEdit && can('compliance:approve') && risk.status !== 'closed' && (
            <Group>
              <Button color="orange" variant="light" onClick={() => onAccept(risk)}>
                {risk.acceptance ? 'Renew acceptance' : 'Accept risk'}
              </Button>
            </Group>
          )}
          {!risk.editable && (
            <Text size="sm" c="dimmed">
              This risk applies to the whole DSO; only DSO-level roles change it.
            </Text>
          )}
          <Divider />
          <RiskForm
            key={`${risk.id}-${risk.updatedAt}-${risk.status}-${risk.treatment}-${risk.acceptance?.acceptedAt}`}
            risk={risk}
            submitLabel="Save risk"
            pending={update.isPending}
            error={update.error}
            readOnly={!canEdit}
            onSubmit={(input) => update.mutate({ id: risk.id, input }, { onSuccess: close })}
            onCancel={close}
          />
        </Stack>
      )}
    </Drawer>
  );
}
