import { Anchor, List, Paper, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** Shown until the DSO has practices and people. */
interface GettingStartedProps {
  hasPractices: boolean;
  hasPeople: boolean;
  canAddPractices: boolean;
  canImportPeople: boolean;
}

export function GettingStarted({
  hasPractices,
  hasPeople,
  canAddPractices,
  canImportPeople,
}: GettingStartedProps) {
  if ((hasPractices || !canAddPractices) && (hasPeople || !canImportPeople)) return null;
  return (
    <Paper withBorder p="lg" radius="md" mb="lg">
      <Title order={2} size="h4" mb="xs">
        Getting started
      </Title>
      <Text c="dimmed" mb="sm">
        Enamel needs to know your practices and workforce before it can assess risk and assign training.
      </Text>
      <List spacing="xs">
        <List.Item>
          {hasPractices || !canAddPractices ? (
            hasPractices ? (
              'Practices added.'
            ) : (
              'No practice yet.'
            )
          ) : (
            <Anchor component={Link} to="/practices/new">
              Add your first practice
            </Anchor>
          )}
        </List.Item>
        <List.Item>
          {hasPeople || !canImportPeople ? (
            hasPeople ? (
              'People added.'
            ) : (
              'No people yet.'
            )
          ) : (
            <Anchor component={Link} to="/people/import">
              Import your workforce from a CSV file
            </Anchor>
          )}
        </List.Item>
      </List>
    </Paper>
  );
}
