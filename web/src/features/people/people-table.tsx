import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PersonView } from '../../api/types.ts';
import { formatDate } from '../../components/format.ts';
import { SortableTh } from '../../components/sortable-th.tsx';
import { jobRoleLabel } from './person-options.ts';
import { PersonPractices } from './person-practices.tsx';
import { PersonStatusBadge } from './person-status-badge.tsx';

interface PeopleTableProps {
  people: PersonView[];
  sort: string;
  onSort: (sort: string) => void;
}

export function PeopleTable({ people, sort, onSort }: PeopleTableProps) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover aria-label="People">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="lastName" sort={sort} onSort={onSort}>
              Name
            </SortableTh>
            <SortableTh field="email" sort={sort} onSort={onSort}>
              Email
            </SortableTh>
            <Table.Th>Job role</Table.Th>
            <Table.Th>Practices</Table.Th>
            <Table.Th>Status</Table.Th>
            <SortableTh field="hireDate" sort={sort} onSort={onSort}>
              Hired
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person) => (
            <Table.Tr key={person.id} style={person.status === 'terminated' ? { opacity: 0.7 } : undefined}>
              <Table.Td>
                <Anchor component={Link} to={`/people/${person.id}`} fw={500} size="sm">
                  {person.firstName} {person.lastName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{person.email}</Text>
              </Table.Td>
              <Table.Td>{jobRoleLabel(person.jobRole)}</Table.Td>
              <Table.Td>
                <PersonPractices practices={person.practices} />
              </Table.Td>
              <Table.Td>
                <PersonStatusBadge status={person.status} />
              </Table.Td>
              <Table.Td>{formatDate(person.hireDate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
