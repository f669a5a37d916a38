import { Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { usePerson, useUpdatePerson } from '../api/people.ts';
import { changedFields } from '../components/forms/form-values.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { PersonForm } from '../features/people/person-form.tsx';
import { toPersonFormValues, toPersonInput } from '../features/people/person-form-values.ts';

export function PersonEditPage() {
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const person = usePerson(personId);
  const updatePerson = useUpdatePerson(personId);
  if (person.isPending) return <PageLoader label="Loading the person" />;
  if (person.isError) return <QueryError error={person.error} />;
  const initialValues = toPersonFormValues(person.data);
  const detailPath = `/people/${personId}`;
  return (
    <>
      <PageHeader title={`Edit ${person.data.firstName} ${person.data.lastName}`} />
      <Paper withBorder p="lg" radius="md" maw={900}>
        <PersonForm
          initialValues={initialValues}
          submitLabel="Save changes"
          isSubmitting={updatePerson.isPending}
          onSubmit={async (input) => {
            const changes = changedFields(toPersonInput(initialValues), input);
            if (Object.keys(changes).length > 0) await updatePerson.mutateAsync(changes);
            notifications.show({ color: 'green', message: 'Person saved.' });
            await navigate(detailPath);
          }}
          onCancel={() => void navigate(detailPath)}
        />
      </Paper>
    </>
  );
}
