import type { PersonView } from '../../api/types.ts';
import { DetailList } from '../../components/detail-list.tsx';
import { formatDate, formatTimestamp } from '../../components/format.ts';
import { jobRoleLabel } from './person-options.ts';
import { PersonPractices } from './person-practices.tsx';
import { PersonStatusBadge } from './person-status-badge.tsx';

export function PersonDetails({ person }: { person: PersonView }) {
  return (
    <DetailList
      items={[
        { label: 'Email', value: person.email },
        { label: 'Job role', value: jobRoleLabel(person.jobRole) },
        { label: 'Status', value: <PersonStatusBadge status={person.status} /> },
        { label: 'Practices', value: <PersonPractices practices={person.practices} /> },
        { label: 'Hire date', value: formatDate(person.hireDate) },
        {
          label: 'Termination date',
          value: person.terminationDate ? formatDate(person.terminationDate) : null,
        },
        { label: 'Tags', value: person.tags.join(', ') },
        { label: 'Added', value: formatTimestamp(person.createdAt) },
        { label: 'Last changed', value: formatTimestamp(person.updatedAt) },
      ]}
    />
  );
}
