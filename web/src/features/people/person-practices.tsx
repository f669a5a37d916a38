import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PersonView } from '../../api/types.ts';

export function PersonPractices({ practices }: { practices: PersonView['practices'] }) {
  if (practices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        DSO level
      </Text>
    );
  }
  return (
    <Group gap={6} component="span">
      {practices.map((practice, index) => (
        <Text key={practice.id} size="sm" component="span">
          <Anchor component={Link} to={`/practices/${practice.id}`} inherit>
            {practice.name}
          </Anchor>
          {index < practices.length - 1 ? ',' : ''}
        </Text>
      ))}
    </Group>
  );
}
