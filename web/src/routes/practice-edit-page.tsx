import { Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { usePractice, useUpdatePractice } from '../api/practices.ts';
import { changedFields } from '../components/forms/form-values.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { PracticeForm } from '../features/practices/practice-form.tsx';
import { toPracticeFormValues, toPracticeInput } from '../features/practices/practice-form-values.ts';

export function PracticeEditPage() {
  const { practiceId = '' } = useParams();
  const navigate = useNavigate();
  const practice = usePractice(practiceId);
  const updatePractice = useUpdatePractice(practiceId);
  if (practice.isPending) return <PageLoader label="Loading the practice" />;
  if (practice.isError) return <QueryError error={practice.error} />;
  const initialValues = toPracticeFormValues(practice.data);
  const detailPath = `/practices/${practiceId}`;
  return (
    <>
      <PageHeader title={`Edit ${practice.data.name}`} />
      <Paper withBorder p="lg" radius="md" maw={900}>
        <PracticeForm
          initialValues={initialValues}
          submitLabel="Save changes"
          isSubmitting={updatePractice.isPending}
          onSubmit={async (input) => {
            const changes = changedFields(toPracticeInput(initialValues), input);
            if (Object.keys(changes).length > 0) await updatePractice.mutateAsync(changes);
            notifications.show({ color: 'green', message: 'Practice saved.' });
            await navigate(detailPath);
          }}
          onCancel={() => void navigate(detailPath)}
        />
      </Paper>
    </>
  );
}
