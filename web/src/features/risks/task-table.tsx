import { Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { RiskLevel, TaskView } from '../../api/risks.ts';
import { taskStatusLabels } from './risk-labels.ts';
import { RiskLevelBadge } from './risk-level-badge.tsx';

const statusColors: Record<TaskView['status'], string> = {
  open: 'blue',
  in_progress: 'violet',
  done: 'green',
  cancelled: 'gray',
};

export function TaskTable({ tasks, onOpen }: { tasks: TaskView[]; onOpen: (task: TaskView) => void }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Remediation tasks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Task</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Risks</Table.Th>
            <Table.Th>Controls</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id} {...(task.overdue ? { bg: 'var(--mantine-color-red-light)' } : {})}>
              <Table.Td>
                <Stack gap={0}>
                  <UnstyledButton onClick={() => onOpen(task)} fw={600} c="blue.7">
                    {task.title}
                  </UnstyledButton>
                  <Text size="xs" c="dimmed">
                    {task.practiceName ?? 'DSO-wide'}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>{task.owner?.displayName ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Text size="sm" {...(task.overdue ? { c: 'red.8', fw: 700 } : {})}>
                    {task.dueDate}
                  </Text>
                  {task.overdue && (
                    <Badge color="red" size="sm">
                      Overdue
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={statusColors[task.status]}>
                  {taskStatusLabels[task.status]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {task.risks.map((risk) => (
                    <Group key={risk.id} gap={4} wrap="nowrap">
                      <RiskLevelBadge level={risk.level as RiskLevel} />
                      <Text size="xs">{risk.title}</Text>
                    </Group>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{task.controls.map((c) => c.title).join(', ') || '—'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
