import { Paper } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useCreatePractice } from '../api/practices.ts';
import { withoutNulls } from '../components/forms/form-values.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PracticeForm } from '../features/practices/practice-form.tsx';
import { toPracticeFormValues } from '../features/practices/practice-form-values.ts';

export function PracticeNewPage() {
  const navigate = useNavigate();
  const createPractice = useCreatePractice();
  return (
    <>
      <PageHeader title="New practice" />
      <Paper withBorder p="lg" radius="md" maw={900}>
        <PracticeForm
          initialValues={toPracticeFormValues(null)}
          submitLabel="Create practice"
          isSubmitting={createPractice.isPending}
          onSubmit={async (input) => {
            const practice = await createPractice.mutateAsync(withoutNulls(input));
            await navigate(`/practices/${practice.id}`);
          }}
          onCancel={() => void navigate('/practices')}
        />
      </Paper>
    </>
  );
}
