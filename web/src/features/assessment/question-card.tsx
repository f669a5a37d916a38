import { Alert, Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, isApiError } from '../../api/api-error.ts';
import {
  type AnswerView,
  type QuestionView,
  type ScopeAssessmentView,
  type ScopeType,
  useClearAnswer,
  useSetAnswer,
} from '../../api/assessment.ts';

type QuestionState = ScopeAssessmentView['questions'][number];

const levelNames: Record<ScopeType, string> = {
  dso: 'the DSO',
  region: 'the region',
  practice: 'the practice',
};
const scopeHints: Record<ScopeType, string> = {
  dso: 'Usually answered once for the whole DSO',
  region: 'Usually answered per region',
  practice: 'Usually answered per practice',
};

interface QuestionCardProps {
  question: QuestionView;
  state: QuestionState | undefined;
  scopeType: ScopeType;
  scopeId: string;
  canWrite: boolean;
}

function optionLabel(question: QuestionView, answer: AnswerView | null | undefined): string {
  if (!answer) return '';
  return question.options.find((o) => o.id === answer.optionId)?.label ?? answer.optionId;
}

function References({ question }: { question: QuestionView }) {
  return (
    <Group gap={4}>
      {question.regulation.map((ref) => (
        <Tooltip key={ref.id} label={ref.title} withArrow>
          <Badge
            variant="light"
            color="indigo"
            size="sm"
            tt="none"
            tabIndex={0}
            aria-label={`45 CFR ${ref.id}: ${ref.title}`}
          >
            §{ref.id}
          </Badge>
        </Tooltip>
      ))}
      {question.csf.map((ref) => (
        <Tooltip key={ref.id} label={ref.title} withArrow>
          <Badge
            variant="outline"
            color="gray"
            size="sm"
            tt="none"
            tabIndex={0}
            aria-label={`NIST CSF ${ref.id}: ${ref.title}`}
          >
            CSF {ref.id}
          </Badge>
        </Tooltip>
      ))}
      {question.controls.map((control) => (
        <Badge
          key={control.id}
          component={Link}
          to={`/compliance/controls/${control.id}`}
          variant="light"
          color="teal"
          size="sm"
          tt="none"
          style={{ cursor: 'pointer' }}
          aria-label={`Control: ${control.title}`}
        >
          {control.title}
        </Badge>
      ))}
    </Group>
  );
}

/** The server's field issues, by field name (optionId, justification, note). */
function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path?.at(-1);
    if (typeof field === 'string') out[field] = issue.message;
  }
  return out;
}

function AnswerEditor({
  question,
  own,
  initial,
  scopeType,
  scopeId,
  onDone,
}: {
  question: QuestionView;
  own: AnswerView | null;
  initial: AnswerView | null;
  scopeType: ScopeType;
  scopeId: string;
  onDone?: () => void;
}) {
  const [optionId, setOptionId] = useState(initial?.optionId ?? '');
  const [justification, setJustification] = useState(initial?.justification ?? '');
  const [note, setNote] = useState(own?.note ?? '');
  const save = useSetAnswer(scopeType, scopeId);
  const chosen = question.options.find((o) => o.id === optionId);
  const errors = fieldErrors(save.error);
  const submit = () =>
    save.mutate(
      {
        questionId: question.id,
        input: {
          optionId,
          justification: chosen?.notApplicable ? justification : null,
          note: note.trim() === '' ? null : note,
        },
      },
      { onSuccess: () => onDone?.() },
    );
  return (
    <Stack gap="sm">
      <Radio.Group
        value={optionId}
        onChange={setOptionId}
        label="Answer"
        error={errors.optionId}
        name={`answer-${question.id}`}
      >
        <Stack gap="xs" mt={4}>
          {question.options.map((option) => (
            <Radio
              key={option.id}
              value={option.id}
              label={option.label}
              description={
                <>
                  {option.guidance}
                  {option.vulnerabilities.length > 0 && (
                    <Text size="xs" c="dimmed" component="span" display="block">
                      Indicates: {option.vulnerabilities.map((v) => v.title).join('; ')}
                    </Text>
                  )}
                </>
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      {chosen?.notApplicable && (
        <Textarea
          label="Why this does not apply"
          description="Required: at least 10 characters, kept with the risk analysis."
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={justification}
          onChange={(event) => setJustification(event.currentTarget.value)}
          error={errors.justification}
        />
      )}
      <Textarea
        label="Note (optional)"
        autosize
        minRows={1}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={errors.note}
      />
      {save.isError && Object.keys(errors).length === 0 && (
        <Alert color="red" role="alert" title="The answer was not saved">
          {errorMessage(save.error)}
        </Alert>
      )}
      <Group gap="sm">
        <Button onClick={submit} loading={save.isPending} disabled={optionId === ''}>
          Save answer
        </Button>
        {onDone && (
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        )}
        {save.isSuccess && !save.isPending && (
          <Text size="sm" c="green" role="status">
            Saved.
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** One question at one scope: what it inherits, its own answer, and (with compliance:write) the editor. */
export function QuestionCard({ question, state, scopeType, scopeId, canWrite }: QuestionCardProps) {
  const [overriding, setOverriding] = useState(false);
  const clear = useClearAnswer(scopeType, scopeId);
  const own = state?.own ?? null;
  const inherited = state?.inherited ?? null;
  const effective = state?.effective ?? null;
  const effectiveOption = question.options.find((o) => o.id === effective?.optionId);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`q-${question.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600} id={`q-${question.id}`}>
            {question.id}. {question.text}
          </Text>
          {effective ? (
            <Badge color="green" variant="light" style={{ flexShrink: 0 }}>
              Answered
            </Badge>
          ) : (
            <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
              Not answered
            </Badge>
          )}
        </Group>
        <References question={question} />
        <Text size="xs" c="dimmed">
          {scopeHints[question.defaultScope]}.
        </Text>
        {inherited && (
          <Group gap="xs">
            <Badge variant="light" color={own ? 'gray' : 'blue'}>
              Inherited from {levelNames[inherited.level]}
            </Badge>
            <Text size="sm" td={own ? 'line-through' : undefined}>
              {optionLabel(question, inherited)}
            </Text>
            {own && (
              <Badge variant="light" color="grape">
                Overridden here
              </Badge>
            )}
          </Group>
        )}
        {!canWrite && (
          <Text size="sm">
            {effectiveOption ? (
              <>
                <strong>{effectiveOption.label}</strong> — {effectiveOption.guidance}
                {effective?.justification ? ` Why not applicable: ${effective.justification}` : ''}
              </>
            ) : (
              'No answer yet.'
            )}
          </Text>
        )}
        {canWrite && (own || !inherited || overriding) && (
          <AnswerEditor
            key={`${own?.id ?? 'new'}-${own?.answeredAt ?? ''}`}
            question={question}
            own={own}
            initial={own ?? inherited}
            scopeType={scopeType}
            scopeId={scopeId}
            {...(overriding && !own ? { onDone: () => setOverriding(false) } : {})}
          />
        )}
        {canWrite && (
          <Group gap="sm">
            {inherited && !own && !overriding && (
              <Button variant="light" onClick={() => setOverriding(true)}>
                Override for this {scopeType === 'practice' ? 'practice' : 'region'}
              </Button>
            )}
            {own && (
              <Button
                variant="subtle"
                color="red"
                loading={clear.isPending}
                onClick={() => clear.mutate(question.id, { onSuccess: () => setOverriding(false) })}
              >
                {inherited ? `Clear (inherit from ${levelNames[inherited.level]} again)` : 'Clear answer'}
              </Button>
            )}
          </Group>
        )}
        {clear.isError && (
          <Alert color="red" role="alert" title="The answer was not cleared">
            {errorMessage(clear.error)}
          </Alert>
        )}
        {own && (
          <Text size="xs" c="dimmed">
            Answered by {own.answeredBy} on {own.answeredAt.slice(0, 10)}
            {own.note ? ` · Note: ${own.note}` : ''}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
