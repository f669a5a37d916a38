import type { Scope, ServiceDeps } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { loadEffectiveAnswers, type PracticeAnswers } from '../assessment/index.ts';
import { type Question, questionnaire } from '../questionnaire.ts';
import { threatsOf, vulnerabilityAssets } from './risk-catalogue.ts';
import { likelihoodOfScore, rateRisk } from './risk-rating.ts';
import { auditInput } from './risks.rules.ts';
import type { ProposeResult } from './risks.schema.ts';
import * as store from './risks.store.ts';

/** One risk the answers indicate: a question's vulnerability, DSO-wide (practiceId null) or at one practice. */
interface Indicated {
  readonly sourceRef: string;
  readonly practiceId: string | null;
  readonly questionId: string;
  readonly vulnerabilityId: string;
  readonly score: number;
}

function sourceRefOf(questionId: string, vulnerabilityId: string, practiceId: string | null): string {
  return practiceId === null
    ? `${questionId}:${vulnerabilityId}`
    : `${questionId}:${vulnerabilityId}:${practiceId}`;
}

function vulnerabilitiesOf(question: Question | undefined, optionId: string): readonly string[] {
  return question?.options.find((o) => o.id === optionId)?.vulnerabilities ?? [];
}

/**
 * The risks the effective answers indicate. A DSO-level answer inherited by at least one practice gives one
 * DSO-wide risk per vulnerability; a region's or practice's own answer gives a practice risk unless the
 * DSO-wide risk already covers that vulnerability at the same or a worse score.
 */
export function indicatedRisks(practices: readonly PracticeAnswers[], includeDsoWide: boolean): Indicated[] {
  const questions = new Map(questionnaire().questions.map((q) => [q.id, q]));
  const dsoWide = new Map<string, { score: number; vulns: readonly string[] }>();
  for (const practice of practices) {
    for (const answer of practice.answers.values()) {
      if (answer.level !== 'dso' || answer.score === 0) continue;
      const vulns = vulnerabilitiesOf(questions.get(answer.questionId), answer.optionId);
      dsoWide.set(answer.questionId, { score: answer.score, vulns });
    }
  }
  const found = new Map<string, Indicated>();
  const add = (item: Omit<Indicated, 'sourceRef'>) => {
    const sourceRef = sourceRefOf(item.questionId, item.vulnerabilityId, item.practiceId);
    found.set(sourceRef, { ...item, sourceRef });
  };
  if (includeDsoWide) {
    for (const [questionId, { score, vulns }] of dsoWide) {
      for (const vulnerabilityId of vulns) add({ practiceId: null, questionId, vulnerabilityId, score });
    }
  }
  for (const practice of practices) {
    for (const answer of practice.answers.values()) {
      if (answer.level === 'dso' || answer.score === 0) continue;
      const wide = dsoWide.get(answer.questionId);
      for (const vulnerabilityId of vulnerabilitiesOf(questions.get(answer.questionId), answer.optionId)) {
        const covered = wide?.vulns.includes(vulnerabilityId) === true && wide.score >= answer.score;
        if (!covered) {
          add({
            practiceId: practice.practiceId,
            questionId: answer.questionId,
            vulnerabilityId,
            score: answer.score,
          });
        }
      }
    }
  }
  return [...found.values()];
}

function newRiskRow(dsoId: string, item: Indicated, stamp: string): store.RiskRow {
  const vulnerability = questionnaire().vulnerabilities.find((v) => v.id === item.vulnerabilityId);
  const { threat, impact } = threatsOf(vulnerability?.threats ?? []);
  const likelihood = likelihoodOfScore(item.score);
  const title = vulnerability?.title ?? item.vulnerabilityId;
  return {
    id: newId(),
    dsoId,
    practiceId: item.practiceId,
    title,
    threat: threat || 'Unspecified',
    vulnerability: `${title} (question ${item.questionId})`,
    assetGroup: vulnerabilityAssets[item.vulnerabilityId] ?? 'All ePHI systems',
    likelihood,
    impact,
    level: rateRisk(likelihood, impact),
    status: 'proposed',
    source: 'questionnaire',
    sourceRef: item.sourceRef,
    ownerUserId: null,
    treatment: null,
    treatmentNote: null,
    residualLikelihood: null,
    residualImpact: null,
    residualLevel: null,
    nextReviewDate: null,
    acceptedBy: null,
    acceptedReason: null,
    acceptedUntil: null,
    acceptedAt: null,
    sourceResolvedAt: null,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/**
 * Turns every answer that is not the best option into proposed risks, once: a risk already proposed for the
 * same question, vulnerability and practice is left alone (a still-proposed one follows a changed score), and
 * a risk the answers no longer indicate is flagged for closing (`sourceResolvedAt`), never closed silently.
 * A practice manager proposes only their practices' risks.
 */
export async function proposeRisks(deps: ServiceDeps, scope: Scope): Promise<ProposeResult> {
  const practiceIds = scope.practiceIds ?? null;
  const practices = await loadEffectiveAnswers(deps.db, scope.dsoId, practiceIds);
  const indicated = indicatedRisks(practices, practiceIds === null);
  const inScope = (risk: { practiceId: string | null }) =>
    practiceIds === null || (risk.practiceId !== null && practiceIds.includes(risk.practiceId));
  const stamp = deps.clock.now().toISOString();
  const result = { created: 0, updated: 0, unchanged: 0, flaggedForClosing: 0 };
  await deps.db.transaction().execute(async (trx) => {
    const existing = (await store.questionnaireRisks(trx, scope.dsoId)).filter(inScope);
    const byRef = new Map(existing.map((r) => [r.sourceRef ?? '', r]));
    const fresh: store.RiskRow[] = [];
    for (const item of indicated) {
      const risk = byRef.get(item.sourceRef);
      if (!risk) {
        fresh.push(newRiskRow(scope.dsoId, item, stamp));
        continue;
      }
      const likelihood = likelihoodOfScore(item.score);
      const follow = risk.status === 'proposed' && risk.likelihood !== likelihood;
      if (!follow && risk.sourceResolvedAt === null) {
        result.unchanged += 1;
        continue;
      }
      const rating = follow
        ? { likelihood, level: rateRisk(likelihood, risk.impact as typeof likelihood) }
        : {};
      await store.updateRiskRow(trx, scope.dsoId, risk.id, {
        ...rating,
        sourceResolvedAt: null,
        updatedAt: stamp,
      });
      result.updated += 1;
    }
    const stillIndicated = new Set(indicated.map((i) => i.sourceRef));
    for (const risk of existing) {
      if (risk.status === 'closed' || stillIndicated.has(risk.sourceRef ?? '')) continue;
      result.flaggedForClosing += 1;
      if (risk.sourceResolvedAt === null) {
        await store.updateRiskRow(trx, scope.dsoId, risk.id, { sourceResolvedAt: stamp, updatedAt: stamp });
      }
    }
    // Batches keep each statement under the database's parameter limit.
    for (let i = 0; i < fresh.length; i += 100) {
      await trx
        .insertInto('risks')
        .values(fresh.slice(i, i + 100))
        .execute();
    }
    result.created = fresh.length;
    await audit.record(
      trx,
      auditInput(scope, 'risks.propose', 'risk', null, stamp, { detail: { ...result } }),
    );
  });
  return result;
}
