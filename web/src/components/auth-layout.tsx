import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface AuthLayoutProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  size?: 'xs' | 'sm';
}

/** The frame of the pages reached before signing in: sign-in, first-run setup, MFA, setup link. */
export function AuthLayout({ title, description, children, size = 'xs' }: AuthLayoutProps) {
  useDocumentTitle(`${title} · Enamel`);
  return (
    <Container component="main" size={size} py={{ base: 'lg', sm: 60 }}>
      <Text fw={700} c="blue.7" fz="xl" mb="md" ta="center">
        Enamel
      </Text>
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" shadow="xs">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {title}
            </Title>
            {description && (
              <Text c="dimmed" mt={4}>
                {description}
              </Text>
            )}
          </div>
          {children}
        </Stack>
      </Paper>
    </Container>
  );
}
