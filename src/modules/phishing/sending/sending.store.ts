import type { Db } from '../../../platform/db/index.ts';
import type { SendingProfileTable } from '../../../platform/db/schema.ts';
import type { SendingProfileRow } from './profile-secrets.ts';

export function listProfiles(db: Db, dsoId: string): Promise<SendingProfileRow[]> {
  return db
    .selectFrom('sendingProfiles')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findProfile(db: Db, dsoId: string, id: string): Promise<SendingProfileRow | undefined> {
  return db
    .selectFrom('sendingProfiles')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertProfile(db: Db, row: SendingProfileTable): Promise<void> {
  await db.insertInto('sendingProfiles').values(row).execute();
}

export async function updateProfile(
  db: Db,
  dsoId: string,
  id: string,
  changes: Partial<SendingProfileTable>,
): Promise<void> {
  await db
    .updateTable('sendingProfiles')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .execute();
}

/** Campaigns not finished (not completed or cancelled) that send through the profile. */
export async function unfinishedCampaignsUsing(db: Db, dsoId: string, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('phishingCampaigns')
    .select('name')
    .where('dsoId', '=', dsoId)
    .where('sendingProfileId', '=', id)
    .where('status', 'not in', ['completed', 'cancelled'])
    .orderBy('name')
    .limit(5)
    .execute();
  return rows.map((row) => row.name);
}

/** Deletes the profile; finished campaigns keep their results and forget which profile sent them. */
export async function deleteProfile(db: Db, dsoId: string, id: string): Promise<number> {
  await db
    .updateTable('phishingCampaigns')
    .set({ sendingProfileId: null })
    .where('dsoId', '=', dsoId)
    .where('sendingProfileId', '=', id)
    .where('status', 'in', ['completed', 'cancelled'])
    .execute();
  const result = await db
    .deleteFrom('sendingProfiles')
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether the DSO has this sending profile (campaigns check the profile they are given). */
export async function sendingProfileExists(db: Db, dsoId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('sendingProfiles')
    .select('id')
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
