import { useSearchParams } from 'react-router';

/**
 * List filters kept in the URL, so a filtered list can be bookmarked and linked to ("/people?practiceId=...").
 * Empty values are removed from the URL.
 */
export function useUrlFilters<Key extends string>(keys: readonly Key[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = {} as Partial<Record<Key, string>>;
  for (const key of keys) {
    const value = searchParams.get(key);
    if (value) filters[key] = value;
  }
  const setFilter = (key: Key, value: string | null) => {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };
  return { filters, setFilter };
}
