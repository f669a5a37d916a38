import { AppShell, Burger, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet } from 'react-router';
import type { MeView } from '../api/types.ts';
import { NavMenu } from './nav-menu.tsx';
import { UserMenu } from './user-menu.tsx';

export function AppLayout({ me }: { me: MeView }) {
  const [isNavOpen, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding="lg"
    >
      <a href="#main-content" className="skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={isNavOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={isNavOpen}
            />
            <Title order={2} size="h3">
              <Text component={Link} to="/" inherit c="blue.7" td="none">
                Enamel
              </Text>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text fw={500} truncate maw={{ base: 120, sm: 320 }} visibleFrom="xs">
              <VisuallyHidden>Organisation: </VisuallyHidden>
              {me.dso.name}
            </Text>
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavMenu onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
