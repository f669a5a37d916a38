import { Alert, Button, Group, NumberInput, Select, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { type SignalSummary, useRecordReading } from '../../api/controls.ts';
import { usePracticeOptions } from '../../api/practices.ts';

function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Manual entry of one reading, until the capability that measures the signal feeds it. */
export function ReadingForm({ signals }: { signals: SignalSummary[] }) {
  const record = useRecordReading();
  const practices = usePracticeOptions();
  const [signal, setSignal] = useState<string | null>(signals[0]?.id ?? null);
  const [practiceId, setPracticeId] = useState<string | null>(null);
  const [value, setValue] = useState<number | string>('');
  const [observedAt, setObservedAt] = useState(localNow());
  const [saved, setSaved] = useState(false);
  const unit = signals.find((s) => s.id === signal)?.unit;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!signal || typeof value !== 'number') return;
    record.mutate(
      { signal, practiceId, value, observedAt: new Date(observedAt).toISOString() },
      {
        onSuccess: () => {
          setSaved(true);
          setValue('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Record a reading">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Signal"
          required
          data={signals.map((s) => ({ value: s.id, label: s.title }))}
          value={signal}
          onChange={setSignal}
          w={260}
        />
        <Select
          label="Practice"
          placeholder="DSO-wide"
          clearable
          searchable
          data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={practiceId}
          onChange={setPracticeId}
          w={220}
        />
        <NumberInput
          label={`Value${unit ? ` (${unit})` : ''}`}
          required
          min={0}
          {...(unit === '%' ? { max: 100 } : {})}
          value={value}
          onChange={(next) => setValue(typeof next === 'number' ? next : '')}
          w={140}
        />
        <TextInput
          label="Observed at"
          type="datetime-local"
          required
          value={observedAt}
          onChange={(e) => setObservedAt(e.currentTarget.value)}
        />
        <Button type="submit" loading={record.isPending}>
          Record
        </Button>
      </Group>
      {record.error ? (
        <Alert color="red" role="alert" mt="sm">
          {errorMessage(record.error)}
        </Alert>
      ) : null}
      {saved && (
        <Alert color="green" role="status" mt="sm">
          Reading recorded.
        </Alert>
      )}
    </form>
  );
}
