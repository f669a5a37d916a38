import { AppError } from '../errors.ts';

/** A keyset cursor: the sort it belongs to and the last row's sort value and id. */
export interface Cursor {
  readonly sort: string;
  readonly value: string | number | null;
  readonly id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string | undefined, sort: string): Cursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new AppError(
      'CURSOR_INVALID',
      'cursor is malformed: pass the nextCursor of the previous page unchanged.',
    );
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[2] !== 'string' ||
    (!['string', 'number'].includes(typeof parsed[1]) && parsed[1] !== null)
  ) {
    throw new AppError(
      'CURSOR_INVALID',
      'cursor is malformed: pass the nextCursor of the previous page unchanged.',
    );
  }
  if (parsed[0] !== sort) {
    throw new AppError('CURSOR_INVALID', `cursor belongs to sort "${String(parsed[0])}", not "${sort}".`);
  }
  return { sort, value: parsed[1] as string | number | null, id: parsed[2] };
}

/** Splits a `sort` parameter like `-name` into field and direction. */
export function parseSort<F extends string>(sort: string, fields: readonly F[], fallback: F) {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as F;
  return fields.includes(field) ? { field, descending } : { field: fallback, descending: false };
}

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

/**
 * The keyset condition "after the cursor" for ORDER BY expr, id (both ascending or both descending).
 * The sort expression must not be null (wrap nullable columns in coalesce).
 */
export function afterCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  sortExpr: Expression<unknown>,
  idColumn: string,
  descending: boolean,
  cursor: Cursor,
): Expression<SqlBool> {
  const op = descending ? '<' : '>';
  const value = cursor.value ?? '';
  return eb.or([
    eb(sortExpr, op, value),
    eb.and([eb(sortExpr, '=', value), eb(sql.ref(idColumn), op, cursor.id)]),
  ]);
}
