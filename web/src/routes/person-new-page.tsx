import { Paper } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { useCreatePerson } from '../api/people.ts';
import { withoutNulls } from '../components/forms/form-values.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PersonForm } from '../features/people/person-form.tsx';
import { toPersonFormValues } from '../features/people/person-form-values.ts';

export function PersonNewPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const createPerson = useCreatePerson();
  const practiceId = searchParams.get('practiceId') ?? undefined;
  return (
    <>
      <PageHeader title="New person" />
      <Paper withBorder p="lg" radius="md" maw={900}>
        <PersonForm
          initialValues={toPersonFormValues(null, practiceId)}
          submitLabel="Create person"
          isSubmitting={createPerson.isPending}
          onSubmit={async (input) => {
            const person = await createPerson.mutateAsync(withoutNulls(input));
            await navigate(`/people/${person.id}`);
          }}
          onCancel={() => void navigate('/people')}
        />
      </Paper>
    </>
  );
}
