import { type Kysely, PostgresAdapter } from 'kysely';

// The living risk analysis (docs/compliance.md): questionnaire answers by scope, the risk register and
// remediation plan, controls with their evidence and live signals, policies with attestation campaigns,
// vendors with their BAAs, and the security official's sign-offs of the risk-analysis report.

export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL names its binary type bytea; SQLite's is blob.
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';

  // One answer per question and scope (the DSO, a region or a practice); a practice's effective answer is its
  // own, else its region's, else the DSO's.
  await db.schema
    .createTable('complianceAnswers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('scopeType', 'text', (col) => col.notNull())
    .addColumn('scopeId', 'text', (col) => col.notNull())
    .addColumn('questionId', 'text', (col) => col.notNull())
    .addColumn('optionId', 'text', (col) => col.notNull())
    .addColumn('justification', 'text')
    .addColumn('note', 'text')
    .addColumn('answeredBy', 'text', (col) => col.notNull())
    .addColumn('answeredAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('complianceAnswers_scope_question')
    .on('complianceAnswers')
    .columns(['dsoId', 'scopeType', 'scopeId', 'questionId'])
    .unique()
    .execute();

  await db.schema
    .createTable('risks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('practiceId', 'text', (col) => col.references('practices.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('threat', 'text', (col) => col.notNull())
    .addColumn('vulnerability', 'text', (col) => col.notNull())
    .addColumn('assetGroup', 'text', (col) => col.notNull())
    .addColumn('likelihood', 'text', (col) => col.notNull())
    .addColumn('impact', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('sourceRef', 'text')
    .addColumn('ownerUserId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('treatment', 'text')
    .addColumn('treatmentNote', 'text')
    .addColumn('residualLikelihood', 'text')
    .addColumn('residualImpact', 'text')
    .addColumn('residualLevel', 'text')
    .addColumn('nextReviewDate', 'text')
    .addColumn('acceptedBy', 'text')
    .addColumn('acceptedReason', 'text')
    .addColumn('acceptedUntil', 'text')
    .addColumn('acceptedAt', 'text')
    .addColumn('sourceResolvedAt', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('risks_dso_level').on('risks').columns(['dsoId', 'status', 'level']).execute();
  await db.schema.createIndex('risks_source').on('risks').columns(['dsoId', 'source', 'sourceRef']).execute();

  await db.schema
    .createTable('remediationTasks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('practiceId', 'text', (col) => col.references('practices.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('ownerUserId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('dueDate', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('riskIds', 'text', (col) => col.notNull())
    .addColumn('controlIds', 'text', (col) => col.notNull())
    .addColumn('completedAt', 'text')
    .addColumn('lastReminderAt', 'text')
    .addColumn('escalatedAt', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('remediationTasks_dso_due')
    .on('remediationTasks')
    .columns(['dsoId', 'status', 'dueDate'])
    .execute();

  // A DSO's settings of one control of the catalogue (owner, reviewer, not applicable); absent means defaults.
  await db.schema
    .createTable('controlSettings')
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('controlId', 'text', (col) => col.notNull())
    .addColumn('ownerUserId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('reviewerUserId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('notApplicableReason', 'text')
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('controlSettings_pk', ['dsoId', 'controlId'])
    .execute();

  // Uploaded evidence files, stored once per DSO by SHA-256.
  await db.schema
    .createTable('evidenceFiles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('content', binary, (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('evidenceFiles_dso_sha')
    .on('evidenceFiles')
    .columns(['dsoId', 'sha256'])
    .unique()
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('controlId', 'text', (col) => col.notNull())
    .addColumn('practiceId', 'text', (col) => col.references('practices.id').onDelete('cascade'))
    .addColumn('vendorId', 'text')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('fileId', 'text', (col) => col.references('evidenceFiles.id'))
    .addColumn('fileName', 'text')
    .addColumn('mediaType', 'text')
    .addColumn('sha256', 'text')
    .addColumn('url', 'text')
    .addColumn('statement', 'text')
    .addColumn('attestedBy', 'text')
    .addColumn('effectiveDate', 'text', (col) => col.notNull())
    .addColumn('expiresAt', 'text')
    .addColumn('ownerUserId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('reviewerUserId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('reviewedAt', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('remindersSent', 'text', (col) => col.notNull())
    .addColumn('uploadedBy', 'text', (col) => col.notNull())
    .addColumn('uploadedAt', 'text', (col) => col.notNull())
    .addColumn('retainUntil', 'text', (col) => col.notNull())
    .addColumn('withdrawnReason', 'text')
    .addColumn('withdrawnBy', 'text')
    .addColumn('withdrawnAt', 'text')
    .execute();
  await db.schema.createIndex('evidence_control').on('evidence').columns(['dsoId', 'controlId']).execute();
  await db.schema.createIndex('evidence_expiry').on('evidence').columns(['status', 'expiresAt']).execute();

  // Readings of live signals (MFA coverage, training completion, ...): the latest per signal and practice counts.
  await db.schema
    .createTable('signalReadings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('signal', 'text', (col) => col.notNull())
    .addColumn('practiceId', 'text', (col) => col.references('practices.id').onDelete('cascade'))
    .addColumn('value', 'real', (col) => col.notNull())
    .addColumn('observedAt', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('recordedBy', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('signalReadings_latest')
    .on('signalReadings')
    .columns(['dsoId', 'signal', 'observedAt'])
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('templateId', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('ownerUserId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('currentVersionId', 'text')
    .addColumn('reviewIntervalMonths', 'integer', (col) => col.notNull())
    .addColumn('nextReviewDate', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('policyVersions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('policyId', 'text', (col) => col.notNull().references('policies.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('changeNote', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('createdBy', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('approvedBy', 'text')
    .addColumn('approvedAt', 'text')
    .execute();
  await db.schema
    .createIndex('policyVersions_policy_version')
    .on('policyVersions')
    .columns(['policyId', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('attestationCampaigns')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('policyVersionIds', 'text', (col) => col.notNull())
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('dueDate', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('createdBy', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('closedAt', 'text')
    .execute();

  await db.schema
    .createTable('attestations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('campaignId', 'text', (col) =>
      col.notNull().references('attestationCampaigns.id').onDelete('cascade'),
    )
    .addColumn('personId', 'text', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('tokenHash', 'text')
    .addColumn('acknowledgedAt', 'text')
    .addColumn('method', 'text')
    .addColumn('ip', 'text')
    .addColumn('userAgent', 'text')
    .addColumn('remindersSent', 'integer', (col) => col.notNull())
    .addColumn('lastRemindedAt', 'text')
    .execute();
  await db.schema
    .createIndex('attestations_campaign_person')
    .on('attestations')
    .columns(['campaignId', 'personId'])
    .unique()
    .execute();
  await db.schema.createIndex('attestations_token').on('attestations').columns(['tokenHash']).execute();

  await db.schema
    .createTable('vendors')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('services', 'text')
    .addColumn('website', 'text')
    .addColumn('contactName', 'text')
    .addColumn('contactEmail', 'text')
    .addColumn('practiceIds', 'text')
    .addColumn('ephiAccess', 'text', (col) => col.notNull())
    .addColumn('baaStatus', 'text', (col) => col.notNull())
    .addColumn('baaSignedDate', 'text')
    .addColumn('baaRenewalDate', 'text')
    .addColumn('subprocessors', 'text', (col) => col.notNull())
    .addColumn('lastSecurityReviewDate', 'text')
    .addColumn('safeguardsVerifiedDate', 'text')
    .addColumn('notes', 'text')
    .addColumn('retiredAt', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('vendors_dso_name').on('vendors').columns(['dsoId', 'name']).execute();

  // The security official's dated sign-off of the risk-analysis report, with the hash of what was signed.
  await db.schema
    .createTable('riskAnalysisSignOffs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('userId', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('signerName', 'text', (col) => col.notNull())
    .addColumn('signerTitle', 'text', (col) => col.notNull())
    .addColumn('statement', 'text', (col) => col.notNull())
    .addColumn('contentSha256', 'text', (col) => col.notNull())
    .addColumn('signedAt', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'riskAnalysisSignOffs',
    'vendors',
    'attestations',
    'attestationCampaigns',
    'policyVersions',
    'policies',
    'signalReadings',
    'evidence',
    'evidenceFiles',
    'controlSettings',
    'remediationTasks',
    'risks',
    'complianceAnswers',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
