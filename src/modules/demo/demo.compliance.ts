import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { controlCatalogue, signalDefinitions } from '../compliance/controls/catalogue.ts';
import { fillTemplate, policyTemplates } from '../compliance/policies/policy-templates.ts';
import { type AnswerOption, type Question, questionnaire } from '../compliance/questionnaire.ts';
import { type Rating, rateRisk } from '../compliance/risks/risk-rating.ts';
import type { DemoContext, DemoContributor } from './demo.contributors.ts';
import type { Rng } from './demo.random.ts';

/**
 * A living compliance program for the demo DSO: central answers, per-office physical safeguards (some offices
 * only partly answered), a risk register, a remediation plan with overdue tasks, evidence (some expired, so
 * controls go stale), signal readings, vendors with BAAs and the policy library. Rows go in batches inside the
 * demo's one transaction, so 500 practices stay fast.
 */

const batchSize = 400;
const dayMs = 86_400_000;
const actor = 'demo';

async function insertBatches<T extends keyof Database>(
  db: Db,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    // Rows are built to the table's interface below; Kysely's insert type cannot follow a generic table name.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + batchSize) as never)
      .execute();
  }
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * dayMs).toISOString().slice(0, 10);
const instant = (date: string, hour = 14) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/** Mostly the best answer, sometimes a gap: the weights of option scores 0, 1, 2 and 3. */
function chooseOption(rng: Rng, question: Question, weights: readonly number[]): AnswerOption {
  const options = question.options.filter((o) => o.notApplicable !== true);
  return rng.weighted(options, (o) => weights[o.score] ?? 0.01);
}

function answerRow(
  context: DemoContext,
  scopeType: string,
  scopeId: string,
  question: Question,
  option: AnswerOption,
) {
  return {
    id: newId(),
    dsoId: context.dsoId,
    scopeType,
    scopeId,
    questionId: question.id,
    optionId: option.id,
    justification: null,
    note: null,
    answeredBy: actor,
    answeredAt: context.stamp,
  };
}

function answers(context: DemoContext): Record<string, unknown>[] {
  const { rng } = context;
  const questions = questionnaire().questions;
  const central = questions.filter((q) => q.defaultScope !== 'practice');
  const local = questions.filter((q) => q.defaultScope === 'practice');
  const rows: Record<string, unknown>[] = [];
  // Central IT answers once for every office; a few questions are still open.
  for (const question of central) {
    if (rng.chance(0.05)) continue;
    rows.push(
      answerRow(context, 'dso', context.dsoId, question, chooseOption(rng, question, [70, 15, 10, 5])),
    );
  }
  for (const practiceId of context.practiceIds) {
    // Most offices finished their walk-through, some are part-way, a few have not started.
    const progress = rng.weighted(
      [
        { share: 1, weight: 70 },
        { share: 0.5, weight: 20 },
        { share: 0, weight: 10 },
      ],
      (p) => p.weight,
    ).share;
    for (const question of local) {
      if (!rng.chance(progress)) continue;
      rows.push(
        answerRow(context, 'practice', practiceId, question, chooseOption(rng, question, [60, 20, 12, 8])),
      );
    }
    // An office that differs from the central answer overrides it.
    if (rng.chance(0.04)) {
      const question = rng.pick(central);
      rows.push(
        answerRow(context, 'practice', practiceId, question, chooseOption(rng, question, [5, 30, 40, 25])),
      );
    }
  }
  return rows;
}

const riskTemplates = [
  [
    'Ransomware encrypts the practice-management server',
    'ransomware',
    'no-offline-backup',
    'Practice-management server',
  ],
  [
    'Phished email account sends fake invoices',
    'business-email-compromise',
    'no-mfa-email',
    'Email accounts',
  ],
  [
    'Remote support tool used without MFA',
    'unauthorised-remote-access',
    'unmanaged-remote-support',
    'Network and remote access',
  ],
  [
    'Unencrypted laptop stolen from a car',
    'device-theft',
    'unencrypted-laptops',
    'Laptops and mobile devices',
  ],
  ['Imaging workstation on an unsupported OS', 'unpatched-exploit', 'unsupported-os', 'Imaging workstations'],
  ['Restore from backup never tested', 'extended-downtime', 'untested-restore', 'Backups'],
  [
    'Imaging vendor without a signed BAA',
    'vendor-breach',
    'no-baa-imaging-vendor',
    'Cloud and vendor services',
  ],
  ['Former staff account still active', 'insider-misuse', 'slow-termination', 'Workforce and accounts'],
  [
    'Front-desk screen visible from the waiting room',
    'casual-disclosure',
    'exposed-front-desk-screens',
    'Front-desk and clinical workstations',
  ],
  [
    'Old hard drives thrown away without wiping',
    'improper-disposal',
    'improper-media-disposal',
    'Media and paper records',
  ],
  [
    'Flat office network lets malware spread',
    'lateral-movement',
    'flat-network',
    'Network and remote access',
  ],
  ['No alerting on failed sign-ins', 'undetected-intrusion', 'no-audit-logging', 'All ePHI systems'],
  ['Shared front-desk login', 'credential-theft', 'shared-logins', 'Workforce and accounts'],
  ['Server room door left unlocked', 'burglary', 'weak-physical-access', 'Offices and facilities'],
] as const;

const ratingList: readonly Rating[] = ['low', 'medium', 'high'];

function risks(context: DemoContext, count: number): Record<string, unknown>[] {
  const { rng, data } = context;
  return Array.from({ length: count }, (_, i) => {
    const [title, threat, vulnerability, assetGroup] =
      riskTemplates[i % riskTemplates.length] ?? riskTemplates[0];
    const atPractice = i >= riskTemplates.length && context.practiceIds.length > 0;
    const practiceIndex = atPractice ? rng.int(0, context.practiceIds.length - 1) : -1;
    // The first two are critical, so the register always shows what needs attention first.
    const likelihood: Rating = i < 2 ? 'high' : rng.pick(ratingList);
    const impact: Rating = i < 2 ? 'high' : rng.pick(ratingList);
    const level = rateRisk(likelihood, impact);
    const accepted = level !== 'critical' && rng.chance(0.15);
    const treatment = accepted ? 'accept' : rng.chance(0.8) ? 'mitigate' : rng.pick(['transfer', 'avoid']);
    const where = practiceIndex >= 0 ? ` at ${data.practices[practiceIndex]?.name ?? 'an office'}` : '';
    return {
      id: newId(),
      dsoId: context.dsoId,
      practiceId: practiceIndex >= 0 ? (context.practiceIds[practiceIndex] ?? null) : null,
      title: `${title}${where}`.slice(0, 200),
      threat,
      vulnerability,
      assetGroup,
      likelihood,
      impact,
      level,
      status: rng.chance(0.1) ? 'proposed' : 'open',
      source: 'manual',
      sourceRef: null,
      ownerUserId: null,
      treatment,
      treatmentNote: accepted ? 'Compensating controls in place; replacement budgeted.' : null,
      residualLikelihood: null,
      residualImpact: null,
      residualLevel: null,
      nextReviewDate: addDays(data.asOf, rng.int(20, 200)),
      acceptedBy: accepted ? 'Security official' : null,
      acceptedReason: accepted
        ? 'Replacement is scheduled; the office keeps the device off the internet.'
        : null,
      acceptedUntil: accepted ? addDays(data.asOf, rng.int(60, 300)) : null,
      acceptedAt: accepted ? context.stamp : null,
      sourceResolvedAt: null,
      createdAt: context.stamp,
      updatedAt: context.stamp,
    };
  });
}

const taskTitles = [
  ['Move one backup copy offline', 'offline-backups'],
  ['Run and record a full restore test', 'backup-restore-test'],
  ['Enforce MFA on every mailbox', 'mfa-email'],
  ['Turn on disk encryption on laptops', 'disk-encryption'],
  ['Replace unsupported imaging workstation', 'patch-critical'],
  ['Sign BAA with the imaging vendor', 'baa-register'],
  ['Run the annual security training', 'security-training'],
  ['Review access of departed staff', 'offboarding-revocation'],
  ['Hold an incident-response tabletop exercise', 'incident-response-plan'],
  ['Fit privacy filters at the front desk', 'workstation-security'],
] as const;

function tasks(context: DemoContext, risksWritten: readonly Record<string, unknown>[], count: number) {
  const { rng, data } = context;
  return Array.from({ length: count }, (_, i) => {
    const [title, controlId] = taskTitles[i % taskTitles.length] ?? taskTitles[0];
    const risk = risksWritten[i % Math.max(1, risksWritten.length)];
    // Roughly a quarter are past their due date and still open: the plan shows what slipped.
    const due = addDays(data.asOf, rng.int(-75, 150));
    const late = due < data.asOf;
    const status = late
      ? rng.pick(['open', 'open', 'in_progress', 'done'])
      : rng.pick(['open', 'in_progress']);
    return {
      id: newId(),
      dsoId: context.dsoId,
      practiceId: (risk?.practiceId as string | null | undefined) ?? null,
      title,
      description: null,
      ownerUserId: null,
      dueDate: due,
      status,
      riskIds: JSON.stringify(risk ? [risk.id] : []),
      controlIds: JSON.stringify([controlId]),
      completedAt: status === 'done' ? instant(addDays(due, -2)) : null,
      lastReminderAt: null,
      escalatedAt: null,
      createdAt: context.stamp,
      updatedAt: context.stamp,
    };
  });
}

function evidence(context: DemoContext): Record<string, unknown>[] {
  const { rng, data } = context;
  const rows: Record<string, unknown>[] = [];
  for (const control of controlCatalogue()) {
    if (rng.chance(0.3)) continue;
    // Some evidence is older than its validity: it expired and the control turns stale.
    const expired = rng.chance(0.15);
    const age = expired
      ? control.validityDays + rng.int(5, 60)
      : rng.int(5, Math.max(6, control.validityDays - 20));
    const effectiveDate = addDays(data.asOf, -age);
    const attestation = rng.chance(0.4);
    rows.push({
      id: newId(),
      dsoId: context.dsoId,
      controlId: control.id,
      practiceId: null,
      vendorId: null,
      kind: attestation ? 'attestation' : 'link',
      title: `${control.title}: ${attestation ? 'signed attestation' : 'configuration report'}`,
      description: control.evidence,
      fileId: null,
      fileName: null,
      mediaType: null,
      sha256: null,
      url: attestation ? null : `https://it.${data.dso.domains[0] ?? 'demo.example'}/evidence/${control.id}`,
      statement: attestation ? `I confirm: ${control.description}` : null,
      attestedBy: attestation ? 'IT lead' : null,
      effectiveDate,
      expiresAt: instant(addDays(effectiveDate, control.validityDays), 0),
      ownerUserId: null,
      reviewerUserId: null,
      reviewedAt: null,
      status: 'active',
      remindersSent: '[]',
      uploadedBy: actor,
      uploadedAt: context.stamp,
      retainUntil: addDays(data.asOf, 6 * 366),
      withdrawnReason: null,
      withdrawnBy: null,
      withdrawnAt: null,
    });
  }
  return rows;
}

function signalReadings(context: DemoContext): Record<string, unknown>[] {
  const { rng, data } = context;
  const rows: Record<string, unknown>[] = [];
  signalDefinitions().forEach((signal, index) => {
    // One signal's feed stopped two months ago (stale); the others report monthly.
    const stale = index === signalDefinitions().length - 1;
    for (let month = 3; month >= 1; month--) {
      const observed = addDays(data.asOf, -(month - 1) * 30 - (stale ? 60 : rng.int(1, 10)));
      const good = signal.direction === 'higher' ? signal.warnAt + 1 : Math.max(0, signal.warnAt - 1);
      const bad = signal.direction === 'higher' ? signal.failAt - 3 : signal.failAt + 2;
      const value = index === 1 && month === 1 ? bad : rng.chance(0.7) ? good : (good + bad) / 2;
      rows.push({
        id: newId(),
        dsoId: context.dsoId,
        signal: signal.id,
        practiceId: null,
        value: Math.round(Math.max(0, Math.min(signal.unit === '%' ? 100 : 10_000, value)) * 10) / 10,
        observedAt: instant(observed, 6),
        source: 'manual',
        recordedBy: actor,
        createdAt: context.stamp,
      });
    }
  });
  return rows;
}

const vendorList = [
  ['Dentrix Ascend', 'practice-management', 'full', 'signed', 400],
  ['Clear Imaging Cloud', 'imaging', 'full', 'expired', -30],
  ['ClaimBridge Clearinghouse', 'clearinghouse', 'limited', 'signed', 200],
  ['Bayside Managed IT', 'it-provider', 'full', 'signed', 90],
  ['VaultBox Backup', 'cloud-backup', 'full', 'requested', null],
  ['MailCore 365', 'email', 'full', 'signed', 300],
  ['Smile Reviews', 'marketing', 'none', 'not_required', null],
  ['RecallText', 'patient-communication', 'limited', 'needed', null],
] as const;

function vendors(context: DemoContext): Record<string, unknown>[] {
  const { data } = context;
  return vendorList.map(([name, category, ephiAccess, baaStatus, renewalIn]) => ({
    id: newId(),
    dsoId: context.dsoId,
    name,
    category,
    services: null,
    website: null,
    contactName: null,
    contactEmail: null,
    practiceIds: null,
    ephiAccess,
    baaStatus,
    baaSignedDate: baaStatus === 'signed' || baaStatus === 'expired' ? addDays(data.asOf, -400) : null,
    baaRenewalDate: renewalIn === null ? null : addDays(data.asOf, renewalIn),
    subprocessors: JSON.stringify(ephiAccess === 'full' ? ['Cloud hosting provider'] : []),
    lastSecurityReviewDate: ephiAccess === 'none' ? null : addDays(data.asOf, -200),
    safeguardsVerifiedDate: baaStatus === 'signed' ? addDays(data.asOf, -100) : null,
    notes: null,
    retiredAt: null,
    createdAt: context.stamp,
    updatedAt: context.stamp,
  }));
}

function policies(context: DemoContext) {
  const { rng, data } = context;
  const policyRows: Record<string, unknown>[] = [];
  const versionRows: Record<string, unknown>[] = [];
  for (const template of policyTemplates()) {
    const policyId = newId();
    const versionId = newId();
    // One policy is still a draft awaiting approval.
    const approved = policyRows.length !== 3;
    const body = fillTemplate(template.body, {
      dso_name: data.dso.name,
      security_official: 'the Security Official',
    });
    const approvedOn = addDays(data.asOf, -rng.int(30, 300));
    versionRows.push({
      id: versionId,
      dsoId: context.dsoId,
      policyId,
      version: 1,
      body,
      sha256: createHash('sha256').update(body).digest('hex'),
      changeNote: 'Adopted from the Enamel template.',
      status: approved ? 'approved' : 'draft',
      createdBy: actor,
      createdAt: context.stamp,
      approvedBy: approved ? 'Security official' : null,
      approvedAt: approved ? instant(approvedOn) : null,
    });
    policyRows.push({
      id: policyId,
      dsoId: context.dsoId,
      templateId: template.id,
      title: template.title,
      category: template.category,
      ownerUserId: null,
      currentVersionId: approved ? versionId : null,
      reviewIntervalMonths: template.reviewIntervalMonths,
      nextReviewDate: approved ? addDays(approvedOn, template.reviewIntervalMonths * 30) : null,
      createdAt: context.stamp,
      updatedAt: context.stamp,
    });
  }
  return { policyRows, versionRows };
}

/** Writes the demo DSO's compliance program; counts go in the demo summary as `compliance.<thing>`. */
export const complianceDemo: DemoContributor = {
  name: 'compliance',
  async contribute(context) {
    const answerRows = answers(context);
    const riskRows = risks(context, Math.min(60, 24 + Math.floor(context.practiceIds.length / 25)));
    const taskRows = tasks(context, riskRows, Math.min(50, 14 + Math.floor(context.practiceIds.length / 25)));
    const evidenceRows = evidence(context);
    const readings = signalReadings(context);
    const vendorRows = vendors(context);
    const { policyRows, versionRows } = policies(context);
    await insertBatches(context.db, 'complianceAnswers', answerRows);
    await insertBatches(context.db, 'risks', riskRows);
    await insertBatches(context.db, 'remediationTasks', taskRows);
    await insertBatches(context.db, 'evidence', evidenceRows);
    await insertBatches(context.db, 'signalReadings', readings);
    await insertBatches(context.db, 'vendors', vendorRows);
    await insertBatches(context.db, 'policies', policyRows);
    await insertBatches(context.db, 'policyVersions', versionRows);
    return {
      answers: answerRows.length,
      risks: riskRows.length,
      tasks: taskRows.length,
      evidence: evidenceRows.length,
      readings: readings.length,
      vendors: vendorRows.length,
      policies: policyRows.length,
    };
  },
};
