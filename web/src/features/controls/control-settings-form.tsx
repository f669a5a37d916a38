import { Alert, Button, Group, Select, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { type ControlDetail, useUpdateControlSettings } from '../../api/controls.ts';
import { useOwnerOptions } from '../../api/risks.ts';

/** Owner, reviewer and "not applicable" (with the reason auditors will read) of one control, DSO-wide. */
export function ControlSettingsForm({ control, canChange }: { control: ControlDetail; canChange: boolean }) {
  const owners = useOwnerOptions();
  const update = useUpdateControlSettings(control.id);
  const [ownerUserId, setOwner] = useState(control.settings.ownerUserId);
  const [reviewerUserId, setReviewer] = useState(control.settings.reviewerUserId);
  const [reason, setReason] = useState(control.settings.notApplicableReason ?? '');
  const options = (owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  for (const id of [control.settings.ownerUserId, control.settings.reviewerUserId]) {
    if (id && !options.some((o) => o.value === id)) options.push({ value: id, label: 'A former user' });
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ ownerUserId, reviewerUserId, notApplicableReason: reason.trim() || null });
  };
  return (
    <form onSubmit={submit} aria-label="Control settings">
      <Stack gap="sm">
        <Group grow>
          <Select
            label="Owner"
            clearable
            searchable
            data={options}
            value={ownerUserId}
            onChange={setOwner}
            disabled={!canChange}
          />
          <Select
            label="Reviewer"
            clearable
            searchable
            data={options}
            value={reviewerUserId}
            onChange={setReviewer}
            disabled={!canChange}
          />
        </Group>
        <Textarea
          label="Not applicable because"
          description="Leave empty while the control applies. A reason marks it not applicable for the whole DSO."
          autosize
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          disabled={!canChange}
        />
        {update.error ? (
          <Alert color="red" role="alert">
            {errorMessage(update.error)}
          </Alert>
        ) : null}
        {canChange && (
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={update.isPending}>
              Save settings
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
