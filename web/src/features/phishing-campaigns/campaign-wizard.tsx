import { Alert, Button, Group, List, Paper, Stepper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error.ts';
import { useAudiencePreview, useCreateCampaign } from '../../api/phishing-campaigns.ts';
import { AudienceStep } from './audience-step.tsx';
import { DeliveryStep } from './delivery-step.tsx';
import { ReviewStep } from './review-step.tsx';
import { ScheduleStep } from './schedule-step.tsx';
import { TemplateStep } from './template-step.tsx';
import { audienceOf, initialState, stepProblem, toCreateInput, type WizardState } from './wizard-state.ts';

const lastStep = 5;

function CreateError({ error }: { error: unknown }) {
  if (!error) return null;
  const issues = isApiError(error) ? error.issues : [];
  return (
    <Alert
      color="red"
      title={error instanceof Error ? error.message : 'The campaign was not created.'}
      role="alert"
    >
      {issues.length > 1 && (
        <List size="sm">
          {issues.map((issue) => (
            <List.Item key={`${issue.path?.join('.')}:${issue.message}`}>
              {issue.path?.slice(1).join(' › ')}: {issue.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Name → templates → audience → schedule → delivery → review, then create and open the results page. */
export function CampaignWizard() {
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [state, setState] = useState<WizardState>(() => initialState());
  const update = (patch: Partial<WizardState>) => setState((current) => ({ ...current, ...patch }));
  const [audience] = useDebouncedValue(audienceOf(state), 400);
  const count = useAudiencePreview(audience, null, step >= 2);
  const create = useCreateCampaign();
  const problem = stepProblem(step, state, count.data?.total ?? null);
  const submit = () =>
    create.mutate(toCreateInput(state), {
      onSuccess: (campaign) => void navigate(`/phishing/campaigns/${campaign.id}`),
    });
  return (
    <Paper withBorder radius="md" p="lg">
      <Stepper active={step} onStepClick={(target) => target < step && setStep(target)} size="sm">
        <Stepper.Step label="Name">
          <TextInput
            label="Campaign name"
            description="Staff never see it; it names the campaign in results and reports."
            placeholder="Q4 payer and vendor lures"
            required
            maw={520}
            value={state.name}
            onChange={(e) => update({ name: e.currentTarget.value })}
          />
        </Stepper.Step>
        <Stepper.Step label="Templates">
          <TemplateStep selected={state.templateIds} onChange={(templateIds) => update({ templateIds })} />
        </Stepper.Step>
        <Stepper.Step label="Audience">
          <AudienceStep state={state} onChange={update} />
        </Stepper.Step>
        <Stepper.Step label="Schedule">
          <ScheduleStep state={state} onChange={update} />
        </Stepper.Step>
        <Stepper.Step label="Delivery">
          <DeliveryStep state={state} onChange={update} />
        </Stepper.Step>
        <Stepper.Step label="Review">
          <ReviewStep state={state} />
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between" mt="xl">
        <Button variant="default" onClick={() => setStep(step - 1)} disabled={step === 0}>
          Back
        </Button>
        <Group>
          {problem && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {problem}
            </Text>
          )}
          {step < lastStep ? (
            <Button onClick={() => setStep(step + 1)} disabled={problem !== null}>
              Next
            </Button>
          ) : (
            <Button onClick={submit} loading={create.isPending}>
              Create campaign
            </Button>
          )}
        </Group>
      </Group>
      {create.isError && (
        <Group mt="md">
          <CreateError error={create.error} />
        </Group>
      )}
    </Paper>
  );
}
