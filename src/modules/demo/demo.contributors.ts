import type { Db } from '../../platform/db/index.ts';
import type { DemoData } from './demo.model.ts';
import type { Rng } from './demo.random.ts';

/** What a contributor sees: the written organisation, inside the demo's one transaction. */
export interface DemoContext {
  readonly db: Db;
  readonly dsoId: string;
  readonly data: DemoData;
  /** Ids of the written rows, index-aligned with `data.practices` and `data.people`. */
  readonly practiceIds: readonly string[];
  readonly personIds: readonly string[];
  /** A stream forked by the contributor's name, so adding a contributor never changes another's data. */
  readonly rng: Rng;
  /** The creation timestamp (ISO) every demo row carries. */
  readonly stamp: string;
}

/**
 * A capability that adds its own demo data (for example assets or training records) on top of the
 * organisation and people. It writes through its module's stores and answers counts for the summary.
 */
export interface DemoContributor {
  readonly name: string;
  contribute(context: DemoContext): Promise<Readonly<Record<string, number>>>;
}

/** Capabilities register their contributor here; they run in order, after the organisation is written. */
export const demoContributors: readonly DemoContributor[] = [];
