import { Chip, Group, Stack, Text, TextInput } from '@mantine/core';
import { type WizardState, weekdayOptions } from './wizard-state.ts';

interface ScheduleStepProps {
  state: WizardState;
  onChange: (patch: Partial<WizardState>) => void;
}

export function ScheduleStep({ state, onChange }: ScheduleStepProps) {
  const hours = state.hours;
  return (
    <Stack maw={640}>
      <Text size="sm" c="dimmed">
        Emails go out in a random order, spread evenly between the launch and the send-by time, and only
        inside business hours as each practice’s own clock shows them (a Honolulu practice opens five hours
        after a New York one). Without a send-by time, each practice gets its emails as soon as it opens after
        the launch.
      </Text>
      <Group grow align="flex-start">
        <TextInput
          type="datetime-local"
          label="Launch"
          description="Your local time"
          required
          value={state.launchAt}
          onChange={(e) => onChange({ launchAt: e.currentTarget.value })}
        />
        <TextInput
          type="datetime-local"
          label="Send by"
          description="Optional; up to 90 days after the launch"
          value={state.sendBy}
          onChange={(e) => onChange({ sendBy: e.currentTarget.value })}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="time"
          label="Business hours start"
          description="In each practice's time zone"
          value={hours.start}
          onChange={(e) => onChange({ hours: { ...hours, start: e.currentTarget.value } })}
        />
        <TextInput
          type="time"
          label="Business hours end"
          description="In each practice's time zone"
          value={hours.end}
          onChange={(e) => onChange({ hours: { ...hours, end: e.currentTarget.value } })}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="business-days-label">
          Business days
        </Text>
        <Chip.Group
          multiple
          value={hours.days.map(String)}
          onChange={(values) =>
            onChange({ hours: { ...hours, days: values.map(Number).sort((a, b) => a - b) } })
          }
        >
          <Group gap="xs" role="group" aria-labelledby="business-days-label">
            {weekdayOptions.map((day) => (
              <Chip key={day.value} value={String(day.value)}>
                {day.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
    </Stack>
  );
}
