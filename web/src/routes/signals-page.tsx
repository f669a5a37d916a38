import { Card, Stack, Title } from '@mantine/core';
import { useSignals } from '../api/controls.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { ReadingForm } from '../features/controls/reading-form.tsx';
import { SignalImport } from '../features/controls/signal-import.tsx';
import { SignalTable } from '../features/controls/signal-table.tsx';
import { useCan } from '../features/identity/permissions.ts';

export function SignalsPage() {
  const query = useSignals();
  const can = useCan();
  return (
    <>
      <PageHeader
        title="Live signals"
        description="Measurements that keep controls honest between assessments. A reading past its fail threshold turns its controls failing; no reading within the maximum age turns them stale."
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="lg">
          <Card withBorder>
            <SignalTable signals={query.data} showPractices />
          </Card>
          {can('signals:write') && (
            <>
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">
                  Record a reading
                </Title>
                <ReadingForm signals={query.data} />
              </Card>
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">
                  Import readings from CSV
                </Title>
                <SignalImport />
              </Card>
            </>
          )}
        </Stack>
      )}
    </>
  );
}
