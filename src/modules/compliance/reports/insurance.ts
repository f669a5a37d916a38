import { z } from 'zod';
import questionsJson from './insurance-questions.json' with { type: 'json' };

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug');

const questionSchema = z.strictObject({
  id: slug,
  topic: z.string().min(1),
  text: z.string().min(1),
  controls: z.array(slug),
  signals: z.array(slug),
  vendors: z.literal(true).optional(),
  toSupportYes: z.string().min(1),
});

const fileSchema = z.strictObject({
  version: z.string().min(1),
  source: z.string().min(1),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  questions: z.array(questionSchema).min(1),
});

export type InsuranceQuestion = z.infer<typeof questionSchema>;
export type InsuranceQuestionnaire = z.infer<typeof fileSchema>;

let cached: InsuranceQuestionnaire | undefined;

/** The bundled questions of cyber-insurance applications, validated once. */
export function insuranceQuestions(): InsuranceQuestionnaire {
  cached ??= fileSchema.parse(questionsJson);
  return cached;
}

/** What the derivation needs of a control's status (controls.service's ControlStatusView has more). */
export interface ControlEvidence {
  readonly id: string;
  readonly title: string;
  readonly status: 'ok' | 'stale' | 'failing' | 'not_assessed' | 'not_applicable';
  readonly reason: string;
  readonly nextExpiry: string | null;
}

/** What the derivation needs of a signal's latest reading (signals.service's SignalSummary). */
export interface SignalEvidence {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly value: number | null;
  readonly observedAt: string | null;
  readonly state: 'pass' | 'warn' | 'fail' | 'stale' | 'missing';
}

/** Vendors that can reach ePHI, by BAA status. */
export interface VendorEvidence {
  readonly withEphi: number;
  readonly signed: number;
  /** Names of vendors with ePHI access and no signed, current BAA. */
  readonly missing: string[];
}

export const suggestedAnswers = ['yes', 'partly', 'no', 'unknown'] as const;
export type SuggestedAnswer = (typeof suggestedAnswers)[number];

/** A warning is `critical` (red) when the evidence says no, `warning` (yellow) when it is missing or old. */
export type WarningSeverity = 'warning' | 'critical';

export interface InsuranceWarning {
  readonly severity: WarningSeverity;
  readonly message: string;
  /** What would turn this piece of evidence into support for a "yes". */
  readonly fix: string;
}

export type InsuranceEvidence =
  | ({ readonly kind: 'control' } & ControlEvidence)
  | ({ readonly kind: 'signal' } & SignalEvidence)
  | {
      readonly kind: 'control';
      readonly id: string;
      readonly title: string;
      readonly status: 'unknown';
      readonly reason: string;
      readonly nextExpiry: null;
    }
  | ({ readonly kind: 'vendors' } & VendorEvidence);

export interface InsuranceAnswer {
  readonly id: string;
  readonly topic: string;
  readonly text: string;
  readonly suggested: SuggestedAnswer;
  /** True only when every piece of evidence supports a "yes". */
  readonly supported: boolean;
  readonly evidence: InsuranceEvidence[];
  readonly warnings: InsuranceWarning[];
  readonly toSupportYes: string;
}

export interface InsuranceEvidenceSet {
  readonly controls: readonly ControlEvidence[];
  readonly signals: readonly SignalEvidence[];
  readonly vendors: VendorEvidence;
}

/** How one piece of evidence votes: for yes, against, partly, or no evidence at all. */
type Vote = 'yes' | 'no' | 'partly' | 'none';

function controlVote(control: ControlEvidence): { vote: Vote; warning?: InsuranceWarning } {
  const name = `Control "${control.title}"`;
  switch (control.status) {
    case 'ok':
      return { vote: 'yes' };
    case 'stale':
      return {
        vote: 'partly',
        warning: {
          severity: 'warning',
          message: `${name} is stale: ${control.reason}`,
          fix: 'Add current evidence to the control.',
        },
      };
    case 'failing':
      return {
        vote: 'no',
        warning: {
          severity: 'critical',
          message: `${name} is failing: ${control.reason}`,
          fix: 'Fix what makes the control fail, then record new evidence.',
        },
      };
    case 'not_assessed':
      return {
        vote: 'none',
        warning: {
          severity: 'warning',
          message: `${name} is not assessed: it has no evidence.`,
          fix: 'Add evidence (a file, a link or a signed attestation) to the control.',
        },
      };
    case 'not_applicable':
      return {
        vote: 'none',
        warning: {
          severity: 'warning',
          message: `${name} is marked not applicable, but the insurer asks about it.`,
          fix: 'Explain the exception to the insurer, or make the control applicable and add evidence.',
        },
      };
  }
}

function signalVote(signal: SignalEvidence): { vote: Vote; warning?: InsuranceWarning } {
  const reading =
    signal.value === null || signal.observedAt === null
      ? ''
      : ` (${signal.value} ${signal.unit} on ${signal.observedAt.slice(0, 10)})`;
  const name = `Signal "${signal.title}"${reading}`;
  switch (signal.state) {
    case 'pass':
      return { vote: 'yes' };
    case 'warn':
      return {
        vote: 'partly',
        warning: {
          severity: 'warning',
          message: `${name} is below its target.`,
          fix: 'Bring the signal to its target and record a new reading.',
        },
      };
    case 'fail':
      return {
        vote: 'no',
        warning: {
          severity: 'critical',
          message: `${name} fails its threshold.`,
          fix: 'Bring the signal to its target and record a new reading.',
        },
      };
    case 'stale':
      return {
        vote: 'partly',
        warning: {
          severity: 'warning',
          message: `${name} is stale: the latest reading is too old to rely on.`,
          fix: 'Record a current reading of the signal.',
        },
      };
    case 'missing':
      return {
        vote: 'none',
        warning: {
          severity: 'warning',
          message: `Signal "${signal.title}" has no reading.`,
          fix: 'Record a reading of the signal (manual entry or CSV).',
        },
      };
  }
}

function vendorVote(vendors: VendorEvidence): { vote: Vote; warning?: InsuranceWarning } {
  if (vendors.withEphi === 0) {
    return {
      vote: 'none',
      warning: {
        severity: 'warning',
        message: 'The vendor register lists no vendor with access to ePHI.',
        fix: 'Record the vendors that can access ePHI (practice management, imaging, IT, backup, email).',
      },
    };
  }
  if (vendors.missing.length === 0) return { vote: 'yes' };
  const names = vendors.missing.slice(0, 5).join(', ');
  const more = vendors.missing.length > 5 ? ` and ${vendors.missing.length - 5} more` : '';
  return {
    vote: vendors.signed === 0 ? 'no' : 'partly',
    warning: {
      severity: 'critical',
      message: `${vendors.missing.length} of ${vendors.withEphi} vendor(s) with ePHI access have no signed, current BAA: ${names}${more}.`,
      fix: 'Sign or renew the business associate agreements and record them in the vendor register.',
    },
  };
}

/** Combines the votes: all yes → yes; nothing known → unknown; only no (and none) → no; otherwise partly. */
function combine(votes: readonly Vote[]): SuggestedAnswer {
  const known = votes.filter((v) => v !== 'none');
  if (known.length === 0) return 'unknown';
  if (known.every((v) => v === 'yes')) return votes.every((v) => v === 'yes') ? 'yes' : 'partly';
  if (known.every((v) => v === 'no')) return 'no';
  return 'partly';
}

/**
 * Answers each insurer's question from the live evidence. Pure: the caller loads control statuses, the latest
 * signals and the vendor register. A "yes" is suggested only when every mapped control is ok, every mapped
 * signal passes and (for the BAA question) every vendor with ePHI access has a signed BAA; anything short of
 * that carries a warning saying what would support the "yes".
 */
export function deriveInsuranceAnswers(
  evidence: InsuranceEvidenceSet,
  questions: readonly InsuranceQuestion[] = insuranceQuestions().questions,
): InsuranceAnswer[] {
  const controls = new Map(evidence.controls.map((c) => [c.id, c]));
  const signals = new Map(evidence.signals.map((s) => [s.id, s]));
  return questions.map((question) => {
    const items: InsuranceEvidence[] = [];
    const warnings: InsuranceWarning[] = [];
    const votes: Vote[] = [];
    const add = (result: { vote: Vote; warning?: InsuranceWarning }) => {
      votes.push(result.vote);
      if (result.warning) warnings.push(result.warning);
    };
    for (const id of question.controls) {
      const control = controls.get(id);
      if (control === undefined) {
        items.push({
          kind: 'control',
          id,
          title: id,
          status: 'unknown',
          reason: 'Not in the control catalogue.',
          nextExpiry: null,
        });
        add({
          vote: 'none',
          warning: {
            severity: 'warning',
            message: `Control "${id}" is not in the control catalogue, so nothing backs this answer.`,
            fix: 'Record evidence under the matching control.',
          },
        });
        continue;
      }
      const { title, status, reason, nextExpiry } = control;
      items.push({ kind: 'control', id, title, status, reason, nextExpiry });
      add(controlVote(control));
    }
    for (const id of question.signals) {
      const signal = signals.get(id) ?? {
        id,
        title: id,
        unit: '',
        value: null,
        observedAt: null,
        state: 'missing' as const,
      };
      const { title, unit, value, observedAt, state } = signal;
      items.push({ kind: 'signal', id, title, unit, value, observedAt, state });
      add(signalVote(signal));
    }
    if (question.vendors) {
      const { withEphi, signed, missing } = evidence.vendors;
      items.push({ kind: 'vendors', withEphi, signed, missing });
      add(vendorVote(evidence.vendors));
    }
    const suggested = combine(votes);
    return {
      id: question.id,
      topic: question.topic,
      text: question.text,
      suggested,
      supported: suggested === 'yes' && warnings.length === 0,
      evidence: items,
      warnings,
      toSupportYes: question.toSupportYes,
    };
  });
}
