import {
  Alert,
  Button,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Stepper,
  Text,
} from '@mantine/core';
import { useSearchParams } from 'react-router';
import { type ScopeType, useQuestionnaire, useScopeAssessment } from '../api/assessment.ts';
import { useMe } from '../api/me.ts';
import { usePracticeOptions } from '../api/practices.ts';
import { useRegions } from '../api/regions.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { QuestionCard } from '../features/assessment/question-card.tsx';
import { useCan } from '../features/identity/permissions.ts';

/** `?scope=dso`, `?scope=region:<id>` or `?scope=practice:<id>`; `&area=<areaId>` picks the step. */
function parseScope(value: string | null): { type: ScopeType; id: string | null } {
  const [type, id] = (value ?? '').split(':');
  if (type === 'region' || type === 'practice') return { type, id: id || null };
  return { type: 'dso', id: null };
}

const scopeTypeLabels: Record<ScopeType, string> = {
  dso: 'Whole DSO',
  region: 'A region',
  practice: 'A practice',
};

function ScopePicker({
  type,
  id,
  limited,
  onChange,
}: {
  type: ScopeType;
  id: string | null;
  limited: boolean;
  onChange: (type: ScopeType, id: string | null) => void;
}) {
  const regions = useRegions();
  const practices = usePracticeOptions();
  const types: ScopeType[] = limited ? ['practice'] : ['dso', 'region', 'practice'];
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      {types.length > 1 && (
        <SegmentedControl
          aria-label="Answer for"
          value={type}
          onChange={(value) => onChange(value as ScopeType, null)}
          data={types.map((t) => ({ value: t, label: scopeTypeLabels[t] }))}
        />
      )}
      {type === 'region' && (
        <Select
          label="Region"
          placeholder="Choose a region"
          searchable
          data={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={id}
          onChange={(value) => onChange('region', value)}
          w={280}
        />
      )}
      {type === 'practice' && (
        <Select
          label="Practice"
          placeholder="Choose a practice"
          searchable
          data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={id}
          onChange={(value) => onChange('practice', value)}
          w={320}
        />
      )}
    </Group>
  );
}

export function ComplianceAssessmentPage() {
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const can = useCan();
  const questionnaire = useQuestionnaire();
  const limited = me.data?.user.role === 'practice_manager';
  const parsed = parseScope(params.get('scope'));
  // A practice manager answers only for their practices; the DSO and regions are not theirs to answer.
  const type: ScopeType = limited ? 'practice' : parsed.type;
  const scopeId =
    type === 'dso'
      ? (me.data?.dso.id ?? null)
      : limited && !parsed.id
        ? (me.data?.user.practiceIds[0] ?? null)
        : parsed.id;
  const assessment = useScopeAssessment(type, scopeId);
  const areas = questionnaire.data?.areas ?? [];
  const areaParam = params.get('area');
  const active = Math.max(
    0,
    areas.findIndex((a) => a.id === areaParam),
  );
  const area = areas[active];
  const canWrite = can('compliance:write');

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const chooseScope = (t: ScopeType, id: string | null) =>
    update({ scope: t === 'dso' ? 'dso' : id ? `${t}:${id}` : t });
  const goTo = (index: number) => update({ area: areas[index]?.id ?? null });
  const progressOf = (areaId: string) => assessment.data?.areas.find((a) => a.areaId === areaId);

  return (
    <>
      <PageHeader
        title="Risk analysis questionnaire"
        description="Answer once for the whole DSO where central IT decides (for example email or backups), per region where that is how you run things, and per practice for what differs by office (locks, screens, paper). A practice uses its own answer, else its region's, else the DSO's."
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <ScopePicker type={type} id={scopeId} limited={limited} onChange={chooseScope} />
          {assessment.data && (
            <Group mt="md" gap="sm" wrap="nowrap">
              <Text size="sm" fw={500}>
                {assessment.data.name}
              </Text>
              <Progress
                value={assessment.data.percent}
                flex={1}
                aria-label={`${assessment.data.answered} of ${assessment.data.total} answered`}
              />
              <Text size="sm">
                {assessment.data.answered}/{assessment.data.total} ({assessment.data.percent}%)
              </Text>
            </Group>
          )}
          {!canWrite && (
            <Alert mt="md" color="gray" title="Read only">
              Your role can read the answers but not change them.
            </Alert>
          )}
        </Paper>
        {(questionnaire.isPending || (scopeId !== null && assessment.isPending)) && (
          <PageLoader label="Loading the questionnaire" />
        )}
        {questionnaire.isError && <QueryError error={questionnaire.error} />}
        {assessment.isError && (
          <QueryError error={assessment.error} onRetry={() => void assessment.refetch()} />
        )}
        {scopeId === null && (
          <Text c="dimmed" ta="center" p="md">
            Choose {type === 'region' ? 'a region' : 'a practice'} to answer for.
          </Text>
        )}
        {questionnaire.data && assessment.data && area && (
          <>
            <Stepper active={active} onStepClick={goTo} size="sm" allowNextStepsSelect wrap>
              {areas.map((a) => {
                const p = progressOf(a.id);
                return (
                  <Stepper.Step
                    key={a.id}
                    label={a.title}
                    description={p ? `${p.answered}/${p.total}` : undefined}
                    aria-label={`${a.title}: ${p?.answered ?? 0} of ${p?.total ?? a.questions} answered`}
                  />
                );
              })}
            </Stepper>
            <Stack gap="md">
              {questionnaire.data.questions
                .filter((q) => q.area === area.id)
                .map((q) => (
                  <QuestionCard
                    key={`${type}:${scopeId}:${q.id}`}
                    question={q}
                    state={assessment.data.questions.find((s) => s.questionId === q.id)}
                    scopeType={type}
                    scopeId={assessment.data.scopeId}
                    canWrite={canWrite}
                  />
                ))}
            </Stack>
            <Group justify="space-between">
              <Button variant="default" disabled={active === 0} onClick={() => goTo(active - 1)}>
                Previous area
              </Button>
              <Button disabled={active >= areas.length - 1} onClick={() => goTo(active + 1)}>
                Next area
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </>
  );
}
