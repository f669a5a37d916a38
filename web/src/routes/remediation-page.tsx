import { Button, Checkbox, Group, Paper, SegmentedControl, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { usePracticeOptions } from '../api/practices.ts';
import { type TaskView, useTaskList } from '../api/risks.ts';
import { LoadMore } from '../components/load-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { useCan } from '../features/identity/permissions.ts';
import { TaskModal } from '../features/risks/task-form.tsx';
import { TaskTable } from '../features/risks/task-table.tsx';

const filterKeys = ['status', 'overdue', 'practiceId', 'riskId'] as const;

export function RemediationPage() {
  const { filters, setFilter } = useUrlFilters(filterKeys);
  const list = useTaskList(filters);
  const tasks = list.data?.pages.flatMap((page) => page.items) ?? [];
  const practices = usePracticeOptions();
  const can = useCan();
  const [editing, setEditing] = useState<TaskView | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const open = (task: TaskView | null) => {
    setEditing(task);
    setModalOpen(true);
  };
  return (
    <>
      <PageHeader
        title="Remediation plan"
        description="Tasks that treat your risks and close control gaps. Owners are reminded in the week before a task is due; overdue tasks go to the security officer."
        actions={can('compliance:write') && <Button onClick={() => open(null)}>New task</Button>}
      />
      <Group gap="md" mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={filters.status ?? 'all'}
          onChange={(value) => setFilter('status', value === 'all' ? null : value)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'open', label: 'Open' },
            { value: 'in_progress', label: 'In progress' },
            { value: 'done', label: 'Done' },
            { value: 'cancelled', label: 'Cancelled' },
          ]}
          aria-label="Task status"
        />
        <Select
          placeholder="Any practice"
          aria-label="Practice"
          clearable
          searchable
          w={220}
          data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={filters.practiceId ?? null}
          onChange={(value) => setFilter('practiceId', value)}
        />
        <Checkbox
          label="Overdue only"
          checked={filters.overdue === 'true'}
          onChange={(event) => setFilter('overdue', event.currentTarget.checked ? 'true' : null)}
        />
        {filters.riskId && (
          <Button variant="light" onClick={() => setFilter('riskId', null)}>
            Clear risk filter
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md" p="xs">
        {list.isPending && <PageLoader label="Loading tasks" />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && tasks.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No task matches.
          </Text>
        )}
        {tasks.length > 0 && (
          <TaskTable tasks={tasks} onOpen={(task) => (can('compliance:write') ? open(task) : undefined)} />
        )}
      </Paper>
      {list.isSuccess && (
        <LoadMore
          shown={tasks.length}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      )}
      <TaskModal opened={modalOpen} task={editing} onClose={() => setModalOpen(false)} />
    </>
  );
}
