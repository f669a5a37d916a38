import { Paper, SegmentedControl, Stack } from '@mantine/core';
import { useReportedEmails } from '../api/phishing-reporting.ts';
import { ForbiddenNotice } from '../components/forbidden-notice.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { useCan } from '../features/identity/permissions.ts';
import { ReportedEmailsTable } from '../features/phishing-reporting/reported-emails-table.tsx';
import { UploadReportedEmail } from '../features/phishing-reporting/upload-reported-email.tsx';

const filterKeys = ['status'] as const;
const statusOptions = [
  { value: 'all', label: 'All' },
  { value: 'new', label: 'Waiting for triage' },
  { value: 'simulation', label: 'Our simulations' },
];

export function ReportedEmailsPage() {
  const can = useCan();
  const allowed = can('phishing:write');
  const { filters, setFilter } = useUrlFilters(filterKeys);
  const status = filters.status || null;
  const list = useReportedEmails(status, allowed);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (!allowed) {
    return (
      <>
        <PageHeader title="Reported emails" />
        <ForbiddenNotice />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Reported emails"
        description="Emails your people reported as suspicious. Reports of Enamel's own simulations count as a win for the person who reported; everything else waits here for triage."
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <UploadReportedEmail />
        </Paper>
        <SegmentedControl
          aria-label="Show reports"
          w="fit-content"
          data={statusOptions}
          value={status ?? 'all'}
          onChange={(value) => setFilter('status', value === 'all' ? '' : value)}
        />
        {list.isPending ? (
          <PageLoader label="Loading reported emails" />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <ReportedEmailsTable items={items} />
            <LoadMore
              shown={items.length}
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Stack>
    </>
  );
}
