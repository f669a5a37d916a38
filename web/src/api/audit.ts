import { useInfiniteQuery } from '@tanstack/react-query';
import { api, buildUrl } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { AuditEventView, AuditFilter, Page } from './types.ts';

export function useAuditEvents(filter: AuditFilter, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: queryKeys.auditEvents(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEventView>>('/audit-events', {
        query: { ...filter, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A plain link: the browser downloads the stream itself (a GET needs no CSRF token). */
export function auditExportUrl(filter: AuditFilter, format: 'csv' | 'json'): string {
  return buildUrl('/audit-events/export', { ...filter, format });
}

export const auditAnchorUrl = buildUrl('/audit-events/anchor');
