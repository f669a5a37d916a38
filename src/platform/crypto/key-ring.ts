import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { findDataKey, insertFirstDataKey, listDataKeys, unwrapDataKey } from './data-keys.ts';
import type { MasterKey } from './master-key.ts';

export interface KeyRingOptions {
  readonly db: Kysely<Database>;
  readonly masterKey: MasterKey;
  readonly clock?: Clock;
  /** How long the active key is trusted before it is re-read (another process may have rotated). */
  readonly refreshMs?: number;
}

export function describeSource(masterKey: MasterKey): string {
  return masterKey.source.kind === 'environment' ? 'ENAMEL_MASTER_KEY' : `"${masterKey.source.file}"`;
}

/** The data keys, unwrapped once and kept in memory; which one is active for new values. */
export class KeyRing {
  readonly #db: Kysely<Database>;
  readonly #master: MasterKey;
  readonly #clock: Clock;
  readonly #refreshMs: number;
  readonly #keys = new Map<string, Buffer>();
  #activeId: string | undefined;
  #loadedAt = 0;
  #refreshing: Promise<void> | undefined;

  constructor(options: KeyRingOptions) {
    this.#db = options.db;
    this.#master = options.masterKey;
    this.#clock = options.clock ?? systemClock;
    this.#refreshMs = options.refreshMs ?? 30_000;
  }

  /** Reads every data key and unwraps the new ones; creates the first data key when there is none. */
  async load(): Promise<void> {
    let rows = await listDataKeys(this.#db);
    if (!rows.some((row) => row.status === 'active')) {
      await insertFirstDataKey(this.#db, this.#master.key, this.#clock);
      rows = await listDataKeys(this.#db);
    }
    for (const row of rows) {
      if (!this.#keys.has(row.id)) this.#keys.set(row.id, unwrapDataKey(this.#master.key, row, this.source));
    }
    this.#activeId = rows.find((row) => row.status === 'active')?.id;
    this.#loadedAt = this.#clock.now().getTime();
  }

  get source(): string {
    return describeSource(this.#master);
  }

  /**
   * The key for new values. Served from memory so callers inside a transaction never wait on the database
   * (on SQLite that would deadlock); a stale answer is refreshed in the background for the next call.
   */
  async active(): Promise<{ id: string; key: Buffer }> {
    if (this.#activeId === undefined) await this.load();
    else if (this.#clock.now().getTime() - this.#loadedAt > this.#refreshMs && !this.#refreshing) {
      // A failed refresh keeps the current key; the next stale call tries again.
      this.#refreshing = this.load()
        .catch(() => undefined)
        .finally(() => {
          this.#refreshing = undefined;
        });
    }
    const id = this.#activeId as string;
    return { id, key: this.#keys.get(id) as Buffer };
  }

  /** A data key by id, read from the database the first time; undefined when the database has no such key. */
  async key(id: string): Promise<Buffer | undefined> {
    const cached = this.#keys.get(id);
    if (cached) return cached;
    const row = await findDataKey(this.#db, id);
    if (!row) return undefined;
    const key = unwrapDataKey(this.#master.key, row, this.source);
    this.#keys.set(id, key);
    return key;
  }

  /** Re-reads the data keys and which one is active (after this process rotated). */
  async reload(): Promise<void> {
    await this.load();
  }
}
