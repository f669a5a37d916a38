import { Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { auditAnchorUrl, auditExportUrl, useAuditEvents } from '../api/audit.ts';
import type { AuditEventView } from '../api/types.ts';
import { ForbiddenNotice } from '../components/forbidden-notice.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { AuditEntryDrawer } from '../features/audit/audit-entry-drawer.tsx';
import { AuditFilters, auditFilterKeys, toAuditFilter } from '../features/audit/audit-filters.tsx';
import { AuditTable } from '../features/audit/audit-table.tsx';
import { useCan } from '../features/identity/permissions.ts';

function AuditDownloads({
  exportFilter,
  canExport,
}: {
  exportFilter: ReturnType<typeof toAuditFilter>;
  canExport: boolean;
}) {
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" maw={620}>
          An anchor records the latest hash of the log: keep it outside Enamel, and it later proves that no
          entry up to that point was altered or removed.
        </Text>
        <Group gap="xs">
          {canExport && (
            <>
              <Button component="a" href={auditExportUrl(exportFilter, 'csv')} download variant="default">
                Export CSV
              </Button>
              <Button component="a" href={auditExportUrl(exportFilter, 'json')} download variant="default">
                Export JSON
              </Button>
            </>
          )}
          <Button component="a" href={auditAnchorUrl} download="enamel-audit-anchor.json" variant="light">
            Download anchor
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

export function AuditPage() {
  const can = useCan();
  const { filters, setFilter } = useUrlFilters(auditFilterKeys);
  const [, setSearchParams] = useSearchParams();
  const [filterKey, setFilterKey] = useState(0);
  const [open, setOpen] = useState<AuditEventView | null>(null);
  const filter = toAuditFilter(filters);
  const list = useAuditEvents(filter, can('audit:read'));
  const events = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (!can('audit:read')) {
    return (
      <>
        <PageHeader title="Audit log" />
        <ForbiddenNotice />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what in Enamel, and when: a tamper-evident trail for HIPAA activity review (45 CFR 164.312(b))."
      />
      <AuditDownloads exportFilter={filter} canExport={can('audit:export')} />
      <AuditFilters
        key={filterKey}
        filters={filters}
        setFilter={setFilter}
        onClear={() => {
          setSearchParams(new URLSearchParams(), { replace: true });
          setFilterKey((key) => key + 1);
        }}
      />
      <Paper withBorder radius="md" p="xs">
        {list.isPending && <PageLoader label="Loading the audit log" />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && events.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No entry matches.
          </Text>
        )}
        {events.length > 0 && <AuditTable events={events} onOpen={setOpen} />}
      </Paper>
      {list.isSuccess && (
        <LoadMore
          shown={events.length}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      )}
      <AuditEntryDrawer event={open} onClose={() => setOpen(null)} />
    </>
  );
}
