import { api } from './client.ts';
import type { Page } from './types.ts';

export const maxPageSize = 200;

/** Follows nextCursor until the end, or until `maxItems` are loaded (then `isTruncated` is true). */
export async function fetchAllPages<T>(
  path: string,
  query: Record<string, string> = {},
  maxItems = 10_000,
): Promise<{ items: T[]; isTruncated: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { query: { ...query, limit: maxPageSize, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < maxItems);
  return { items, isTruncated: cursor !== null };
}
