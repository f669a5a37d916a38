import { Alert, Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type Delivery, useCreateCampaign, usePolicies } from '../../api/policies.ts';
import { usePracticeOptions } from '../../api/practices.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { jobRoleOptions } from '../people/person-options.ts';

/** Asks people to acknowledge approved policies: which policies, who (practices, job roles), by when. */
export function CreateCampaignModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const policies = usePolicies();
  const practices = usePracticeOptions();
  const create = useCreateCampaign();
  const [title, setTitle] = useState('');
  const [versionIds, setVersionIds] = useState<string[]>([]);
  const [practiceIds, setPracticeIds] = useState<string[]>([]);
  const [jobRoles, setJobRoles] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState('');
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const mapped = create.error
    ? mapServerError(create.error, [
        'title',
        'policyVersionIds',
        'audience.practiceIds',
        'audience',
        'dueDate',
      ])
    : null;
  const approved = (policies.data?.items ?? []).filter((policy) => policy.currentVersion);

  const submit = () =>
    create.mutate(
      {
        title,
        policyVersionIds: versionIds,
        audience: {
          ...(practiceIds.length ? { practiceIds } : {}),
          ...(jobRoles.length ? { jobRoles } : {}),
        },
        dueDate,
      },
      { onSuccess: (campaign) => setDelivery(campaign.delivery) },
    );

  return (
    <Modal opened={opened} onClose={onClose} title="New attestation campaign" size="lg">
      {delivery ? (
        <Stack>
          <Alert color={delivery.notSent ? 'yellow' : 'green'} title="Campaign started">
            {delivery.sent} email{delivery.sent === 1 ? '' : 's'} sent.
            {delivery.notSent > 0 &&
              ` ${delivery.notSent} could not be sent: ${delivery.problem ?? ''} Those people get a new link with the next reminder.`}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <TextInput
            label="Title"
            required
            placeholder="Annual policy acknowledgement 2026"
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={mapped?.fieldErrors.title}
            maxLength={200}
          />
          <MultiSelect
            label="Policies"
            description="Only approved policies can be sent; people acknowledge the version in force."
            required
            searchable
            data={approved.map((policy) => ({
              value: policy.currentVersion?.id ?? '',
              label: `${policy.title} (version ${policy.currentVersion?.version})`,
            }))}
            value={versionIds}
            onChange={setVersionIds}
            error={mapped?.fieldErrors.policyVersionIds}
            nothingFoundMessage="No approved policy yet"
          />
          <MultiSelect
            label="Practices"
            description="Leave empty for everyone in your DSO (or in your practices)."
            searchable
            data={(practices.data ?? []).map((practice) => ({ value: practice.id, label: practice.name }))}
            value={practiceIds}
            onChange={setPracticeIds}
            error={mapped?.fieldErrors['audience.practiceIds']}
          />
          <MultiSelect
            label="Job roles"
            description="Leave empty for every job role."
            data={jobRoleOptions}
            value={jobRoles}
            onChange={setJobRoles}
          />
          <TextInput
            label="Due date"
            type="date"
            required
            value={dueDate}
            onChange={(event) => setDueDate(event.currentTarget.value)}
            error={mapped?.fieldErrors.dueDate}
          />
          {mapped?.fieldErrors.audience && (
            <Text c="red" size="sm">
              {mapped.fieldErrors.audience}
            </Text>
          )}
          <FormErrorAlert error={mapped?.formError ?? null} />
          <Text size="sm" c="dimmed">
            Each active person in the audience gets an email with a personal link. Reminders go 7 days and 1
            day before the due date, then weekly while overdue.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={create.isPending} onClick={submit}>
              Start campaign
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
