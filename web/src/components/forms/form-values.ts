/** Trimmed text, or null when blank (the API's "absent"). */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The fields of `next` that differ from `previous`, for PATCH bodies. Arrays and objects compare by content.
 */
export function changedFields<T extends Record<string, unknown>>(previous: T, next: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    const before = previous[key];
    const after = next[key];
    const isSame =
      typeof before === 'object' && typeof after === 'object'
        ? JSON.stringify(before) === JSON.stringify(after)
        : before === after;
    if (!isSame) changes[key] = after;
  }
  return changes;
}

/** Drops null values, for create bodies where optional fields are simply left out. */
export function withoutNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null)) as Partial<T>;
}
