import type { Migration } from 'kysely';
import * as organisation from './0001-organisation.ts';

/** Every migration, in order. Names sort; a new one is appended, never edited once released. */
export const migrations: Record<string, Migration> = {
  '0001-organisation': organisation,
};
