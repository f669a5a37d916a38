import { Button, Paper } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { usePractice } from '../api/practices.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { PracticeDetails } from '../features/practices/practice-details.tsx';
import { PracticeStatusBadge } from '../features/practices/practice-status-badge.tsx';

export function PracticeDetailPage() {
  const { practiceId = '' } = useParams();
  const practice = usePractice(practiceId);
  const can = useCan();
  if (practice.isPending) return <PageLoader label="Loading the practice" />;
  if (practice.isError) return <QueryError error={practice.error} />;
  const { data } = practice;
  return (
    <>
      <PageHeader
        title={data.name}
        badge={<PracticeStatusBadge status={data.status} />}
        actions={
          <>
            <Button component={Link} to={`/people?practiceId=${data.id}`} variant="default">
              View people
            </Button>
            {can('practices:write') && (
              <Button component={Link} to={`/practices/${data.id}/edit`}>
                Edit practice
              </Button>
            )}
          </>
        }
      />
      <Paper withBorder p="lg" radius="md">
        <PracticeDetails practice={data} />
      </Paper>
    </>
  );
}
