import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../src/platform/db/database.ts';

/** The victim DSO's resources the route table refers to; `extra` holds what a part's setup created, by name. */
export interface Ids {
  practice: string;
  person: string;
  region: string;
  dso: string;
  user: string;
  token: string;
  ssoProvider: string;
  extra: Record<string, string>;
}

export type Headers = Record<string, string>;

/** How another DSO's call to a route is answered. */
export type Case =
  | { kind: 'resource'; url: (ids: Ids) => string; payload?: object }
  | { kind: 'list'; url: string | ((ids: Ids) => string); hidden: (ids: Ids) => string }
  | { kind: 'create'; url: string; payload: (ids: Ids) => object }
  | { kind: 'createsOwn'; url: string; payload: object; list: string }
  | { kind: 'import' }
  | { kind: 'own'; why: string }
  | { kind: 'public'; why: string }
  /** A check of its own (uploads, downloads): it gets the attacker's headers and must assert the refusal. */
  | {
      kind: 'custom';
      why: string;
      check: (context: { app: FastifyInstance; as: Headers; ids: Ids }) => Promise<void>;
    };

/** One capability's rows of the route table, with the victim data its cases need. */
export interface RouteTablePart {
  readonly setup?: (context: {
    app: FastifyInstance;
    handle: DatabaseHandle;
    /** A DSO administrator of the victim DSO. */
    admin: Headers;
    ids: Ids;
  }) => Promise<Record<string, string>>;
  readonly entries: Record<string, Case>;
}
