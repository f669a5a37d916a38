import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { usePracticeOptions } from '../../api/practices.ts';
import {
  type TaskInput,
  type TaskStatus,
  type TaskView,
  useControlOptions,
  useCreateTask,
  useOwnerOptions,
  useRiskOptions,
  useUpdateTask,
} from '../../api/risks.ts';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { taskStatusLabels } from './risk-labels.ts';

const fieldKeys = [
  'title',
  'description',
  'ownerUserId',
  'dueDate',
  'status',
  'practiceId',
  'riskIds',
  'controlIds',
];

function TaskForm({ task, onDone }: { task: TaskView | null; onDone: () => void }) {
  const create = useCreateTask();
  const update = useUpdateTask();
  const mutation = task ? update : create;
  const owners = useOwnerOptions();
  const practices = usePracticeOptions();
  const risks = useRiskOptions();
  const controls = useControlOptions();
  const [values, setValues] = useState({
    title: task?.title ?? '',
    description: task?.description ?? '',
    ownerUserId: task?.ownerUserId ?? null,
    dueDate: task?.dueDate ?? '',
    status: (task?.status ?? 'open') as TaskStatus,
    practiceId: task?.practiceId ?? null,
    riskIds: task?.riskIds ?? [],
    controlIds: task?.controlIds ?? [],
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));
  const server = mutation.error ? mapServerError(mutation.error, fieldKeys) : null;
  const errorOf = (key: string) => clientErrors[key] ?? server?.fieldErrors[key];

  // Linked risks and controls stay selectable even when the pickers do not list them (older or filtered).
  const riskData = [
    ...(risks.data ?? []).map((r) => ({
      value: r.id,
      label: `${r.title} (${r.practiceName ?? 'DSO-wide'})`,
    })),
    ...(task?.risks ?? [])
      .filter((r) => !(risks.data ?? []).some((o) => o.id === r.id))
      .map((r) => ({ value: r.id, label: r.title })),
  ];
  const controlData = (controls.data ?? task?.controls ?? []).map((c) => ({ value: c.id, label: c.title }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!values.title.trim()) errors.title = 'Required.';
    if (!values.dueDate) errors.dueDate = 'Choose a due date.';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const input: TaskInput = {
      title: values.title.trim(),
      description: values.description.trim() || null,
      ownerUserId: values.ownerUserId,
      dueDate: values.dueDate,
      status: values.status,
      riskIds: values.riskIds,
      controlIds: values.controlIds,
    };
    if (task) update.mutate({ id: task.id, input }, { onSuccess: onDone });
    else create.mutate({ ...input, practiceId: values.practiceId }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={task ? 'Edit task' : 'New task'}>
      <Stack gap="sm">
        {server?.formError && (
          <Alert color="red" role="alert" title={server.formError.message}>
            {server.formError.details.join(' ')}
          </Alert>
        )}
        <TextInput
          label="Title"
          required
          maxLength={200}
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errorOf('title')}
          data-autofocus
        />
        <Textarea
          label="Description"
          maxLength={4000}
          autosize
          minRows={2}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errorOf('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Owner"
            clearable
            searchable
            data={(owners.data ?? []).map((o) => ({ value: o.id, label: o.displayName }))}
            value={values.ownerUserId}
            onChange={(value) => set('ownerUserId', value)}
            error={errorOf('ownerUserId')}
          />
          <TextInput
            label="Due date"
            type="date"
            required
            value={values.dueDate}
            onChange={(e) => set('dueDate', e.currentTarget.value)}
            error={errorOf('dueDate')}
          />
          <Select
            label="Status"
            data={(Object.keys(taskStatusLabels) as TaskStatus[]).map((s) => ({
              value: s,
              label: taskStatusLabels[s],
            }))}
            value={values.status}
            onChange={(value) => set('status', (value ?? 'open') as TaskStatus)}
            error={errorOf('status')}
          />
        </SimpleGrid>
        {!task && (
          <Select
            label="Practice"
            description="Leave empty for a DSO-wide task"
            clearable
            searchable
            data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={values.practiceId}
            onChange={(value) => set('practiceId', value)}
            error={errorOf('practiceId')}
          />
        )}
        <MultiSelect
          label="Linked risks"
          searchable
          data={riskData}
          value={values.riskIds}
          onChange={(value) => set('riskIds', value)}
          error={errorOf('riskIds')}
        />
        <MultiSelect
          label="Linked controls"
          searchable
          data={controlData}
          value={values.controlIds}
          onChange={(value) => set('controlIds', value)}
          error={errorOf('controlIds')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {task ? 'Save task' : 'Add task'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create a task (`task` null) or edit one; `opened` false hides it. */
export function TaskModal({
  opened,
  task,
  onClose,
}: {
  opened: boolean;
  task: TaskView | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={task ? 'Edit remediation task' : 'New remediation task'}
      size="xl"
    >
      {opened && <TaskForm key={task?.id ?? 'new'} task={task} onDone={onClose} />}
    </Modal>
  );
}
