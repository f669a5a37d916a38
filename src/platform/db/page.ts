import { encodeCursor } from './pagination.ts';

/** Cuts the extra row fetched by `limit + 1` and builds the next cursor from the last row kept. */
export function toPage<R extends { id: string }, V>(
  rows: readonly R[],
  limit: number,
  sort: string,
  sortValue: (row: R) => string | number | null,
  present: (row: R) => V,
): { items: V[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(present),
    nextCursor: hasMore && last ? encodeCursor({ sort, value: sortValue(last), id: last.id }) : null,
  };
}
