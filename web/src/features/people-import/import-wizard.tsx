import { Paper, Stepper } from '@mantine/core';
import { useState } from 'react';
import { useImportPeople } from '../../api/people-import.ts';
import { ChooseStep, type CsvSource } from './choose-step.tsx';
import { DoneStep } from './done-step.tsx';
import { ReviewStep } from './review-step.tsx';

/** Choose a file -> dry run (problems or a diff) -> confirm -> summary. Nothing is written before confirm. */
export function ImportWizard() {
  const [step, setStep] = useState(0);
  const [source, setSource] = useState<CsvSource | null>(null);
  const [terminateMissing, setTerminateMissing] = useState(false);
  const check = useImportPeople();
  const commit = useImportPeople();

  const runCheck = (next: CsvSource, terminate: boolean) => {
    commit.reset();
    check.mutate({ csv: next.csv, dryRun: true, terminateMissing: terminate });
  };

  const choose = (next: CsvSource) => {
    setSource(next);
    setStep(1);
    runCheck(next, terminateMissing);
  };

  const restart = () => {
    check.reset();
    commit.reset();
    setStep(0);
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Stepper
        active={step}
        onStepClick={(index) => index < step && step < 2 && restart()}
        allowNextStepsSelect={false}
      >
        <Stepper.Step label="Choose file" description="CSV upload or paste">
          <ChooseStep onChosen={choose} lastName={source?.name ?? null} />
        </Stepper.Step>
        <Stepper.Step label="Check" description="Dry run, nothing written">
          {source && (
            <ReviewStep
              fileName={source.name}
              isChecking={check.isPending}
              checkError={check.error}
              dryRun={check.data}
              terminateMissing={terminateMissing}
              onTerminateMissingChange={(value) => {
                setTerminateMissing(value);
                runCheck(source, value);
              }}
              onBack={restart}
              onConfirm={() =>
                commit.mutate(
                  { csv: source.csv, dryRun: false, terminateMissing },
                  { onSuccess: () => setStep(2) },
                )
              }
              isImporting={commit.isPending}
              importError={commit.error}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label="Import" description="Apply the changes">
          {commit.data && <DoneStep result={commit.data} onRestart={restart} />}
        </Stepper.Step>
      </Stepper>
    </Paper>
  );
}
