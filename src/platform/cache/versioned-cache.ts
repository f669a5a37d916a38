import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Read caching that stays correct across processes: entries are keyed by the DSO's `dataVersion`, which every
 * audited change bumps in its own transaction (audit.record), so a write from the server or the CLI makes the
 * old entries unreachable. Entries are plain answers; callers must not mutate them.
 */
export interface VersionedCache {
  /** The answer cached for this DSO, version and key, or computed by `load` and cached. */
  read<T>(dsoId: string, key: string, load: () => Promise<T>): Promise<T>;
}

const maxEntries = 1_000;
const caches = new WeakMap<Kysely<Database>, VersionedCache>();

async function dataVersion(db: Kysely<Database>, dsoId: string): Promise<number | undefined> {
  const row = await db.selectFrom('dsos').select('dataVersion').where('id', '=', dsoId).executeTakeFirst();
  return row === undefined ? undefined : Number(row.dataVersion);
}

function createVersionedCache(db: Kysely<Database>): VersionedCache {
  const entries = new Map<string, unknown>();
  return {
    async read<T>(dsoId: string, key: string, load: () => Promise<T>): Promise<T> {
      const version = await dataVersion(db, dsoId);
      if (version === undefined) return load();
      const full = `${dsoId}\u0000${version}\u0000${key}`;
      if (entries.has(full)) {
        const hit = entries.get(full) as T;
        // Re-insert to keep the map in least-recently-used order.
        entries.delete(full);
        entries.set(full, hit);
        return hit;
      }
      const value = await load();
      entries.set(full, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}

/** The cache of one database (one per Kysely instance, so test databases never share entries). */
export function versionedCache(db: Kysely<Database>): VersionedCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = createVersionedCache(db);
    caches.set(db, cache);
  }
  return cache;
}
