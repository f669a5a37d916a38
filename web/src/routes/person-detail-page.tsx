import { Button, Paper } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePerson } from '../api/people.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { PersonDetails } from '../features/people/person-details.tsx';
import { PersonStatusBadge } from '../features/people/person-status-badge.tsx';

export function PersonDetailPage() {
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  const can = useCan();
  if (person.isPending) return <PageLoader label="Loading the person" />;
  if (person.isError) return <QueryError error={person.error} />;
  const { data } = person;
  return (
    <>
      <PageHeader
        title={`${data.firstName} ${data.lastName}`}
        badge={<PersonStatusBadge status={data.status} />}
        actions={
          can('people:write') && (
            <Button component={Link} to={`/people/${data.id}/edit`}>
              Edit person
            </Button>
          )
        }
      />
      <Paper withBorder p="lg" radius="md">
        <PersonDetails person={data} />
      </Paper>
    </>
  );
}
