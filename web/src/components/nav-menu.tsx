import { NavLink, ScrollArea, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { upcomingModules } from '../features/roadmap/upcoming-modules.ts';

interface NavItem {
  to: string;
  label: string;
}

const availableItems: readonly NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/practices', label: 'Practices' },
  { to: '/people', label: 'People' },
  { to: '/people/import', label: 'Import people' },
  { to: '/settings', label: 'Organisation settings' },
];

function isActive(pathname: string, to: string): boolean {
  if (to === '/') return pathname === '/';
  // "/people" must not light up on "/people/import", which has its own item.
  if (to === '/people' && pathname.startsWith('/people/import')) return false;
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const { pathname } = useLocation();
  return (
    <ScrollArea component="nav" aria-label="Main" type="scroll" style={{ flex: 1 }}>
      {availableItems.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={item.label}
          active={isActive(pathname, item.to)}
          aria-current={isActive(pathname, item.to) ? 'page' : undefined}
          onClick={onNavigate}
        />
      ))}
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="lg" pb={4}>
        Coming next
      </Text>
      {upcomingModules.map((module) => {
        const to = `/${module.slug}`;
        return (
          <NavLink
            key={module.slug}
            component={Link}
            to={to}
            label={module.title}
            c="dimmed"
            active={isActive(pathname, to)}
            aria-current={isActive(pathname, to) ? 'page' : undefined}
            aria-description="Not yet available"
            onClick={onNavigate}
          />
        );
      })}
    </ScrollArea>
  );
}
