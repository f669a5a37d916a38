import type { Db } from '../../../platform/db/index.ts';
import type { RiskAnalysisSignOffTable } from '../../../platform/db/schema.ts';
import type { RiskInput, SignOffView, TaskInput } from './report.data.ts';

/** Kysely queries of the reports area: it reads other areas' tables and writes only sign-offs. */

export async function findDso(db: Db, dsoId: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('dsos').select(['id', 'name']).where('id', '=', dsoId).executeTakeFirst();
}

export async function namesOf(db: Db, dsoId: string) {
  const [practices, regions] = await Promise.all([
    db.selectFrom('practices').select(['id', 'name']).where('dsoId', '=', dsoId).execute(),
    db.selectFrom('regions').select(['id', 'name']).where('dsoId', '=', dsoId).execute(),
  ]);
  return {
    practiceNames: new Map(practices.map((p) => [p.id, p.name])),
    regionNames: new Map(regions.map((r) => [r.id, r.name])),
  };
}

/** Risks not closed; a scope limited to practices sees only those practices' risks. */
export async function listOpenRisks(
  db: Db,
  dsoId: string,
  practiceIds: readonly string[] | null,
): Promise<RiskInput[]> {
  if (practiceIds !== null && practiceIds.length === 0) return [];
  let query = db
    .selectFrom('risks')
    .leftJoin('users', 'users.id', 'risks.ownerUserId')
    .select([
      'risks.id',
      'risks.practiceId',
      'risks.title',
      'risks.threat',
      'risks.vulnerability',
      'risks.assetGroup',
      'risks.likelihood',
      'risks.impact',
      'risks.level',
      'risks.status',
      'risks.treatment',
      'risks.residualLevel',
      'users.displayName as ownerName',
      'risks.nextReviewDate',
      'risks.acceptedUntil',
    ])
    .where('risks.dsoId', '=', dsoId)
    .where('risks.status', '!=', 'closed');
  if (practiceIds !== null) query = query.where('risks.practiceId', 'in', [...practiceIds]);
  return query.execute();
}

/** Remediation tasks still to do (open or in progress). */
export async function listActiveTasks(
  db: Db,
  dsoId: string,
  practiceIds: readonly string[] | null,
): Promise<TaskInput[]> {
  if (practiceIds !== null && practiceIds.length === 0) return [];
  let query = db
    .selectFrom('remediationTasks')
    .leftJoin('users', 'users.id', 'remediationTasks.ownerUserId')
    .select([
      'remediationTasks.id',
      'remediationTasks.practiceId',
      'remediationTasks.title',
      'remediationTasks.status',
      'remediationTasks.dueDate',
      'users.displayName as ownerName',
    ])
    .where('remediationTasks.dsoId', '=', dsoId)
    .where('remediationTasks.status', 'in', ['open', 'in_progress']);
  if (practiceIds !== null) query = query.where('remediationTasks.practiceId', 'in', [...practiceIds]);
  return query.execute();
}

export interface VendorBaaRow {
  name: string;
  ephiAccess: string;
  baaStatus: string;
  baaRenewalDate: string | null;
}

export async function listVendorBaas(db: Db, dsoId: string): Promise<VendorBaaRow[]> {
  return db
    .selectFrom('vendors')
    .select(['name', 'ephiAccess', 'baaStatus', 'baaRenewalDate'])
    .where('dsoId', '=', dsoId)
    .where('retiredAt', 'is', null)
    .orderBy('name')
    .execute();
}

export async function insertSignOff(db: Db, row: RiskAnalysisSignOffTable): Promise<void> {
  await db.insertInto('riskAnalysisSignOffs').values(row).execute();
}

const signOffColumns = ['id', 'signerName', 'signerTitle', 'statement', 'contentSha256', 'signedAt'] as const;

export async function listSignOffs(db: Db, dsoId: string, limit: number): Promise<SignOffView[]> {
  return db
    .selectFrom('riskAnalysisSignOffs')
    .select(signOffColumns)
    .where('dsoId', '=', dsoId)
    .orderBy('signedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function userDisplayName(db: Db, dsoId: string, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('displayName')
    .where('id', '=', userId)
    .where('dsoId', '=', dsoId)
    .executeTakeFirst();
  return row?.displayName;
}
