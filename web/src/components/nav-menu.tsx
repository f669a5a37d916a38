import { NavLink, ScrollArea, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { type Permission, useCan } from '../features/identity/permissions.ts';
import { upcomingModules } from '../features/roadmap/upcoming-modules.ts';

interface NavItem {
  to: string;
  label: string;
  /** Any one of these lets the role see the item. */
  needs: readonly Permission[];
}

const availableItems: readonly NavItem[] = [
  { to: '/', label: 'Overview', needs: ['practices:read'] },
  { to: '/practices', label: 'Practices', needs: ['practices:read'] },
  { to: '/people', label: 'People', needs: ['people:read'] },
  { to: '/people/import', label: 'Import people', needs: ['people:import'] },
  { to: '/access', label: 'Users & access', needs: ['users:read', 'tokens:read'] },
  { to: '/audit', label: 'Audit log', needs: ['audit:read'] },
];

/** The risk analysis and continuous compliance program. */
const complianceItems: readonly NavItem[] = [
  { to: '/compliance', label: 'Risk analysis', needs: ['compliance:read'] },
  { to: '/compliance/assessment', label: 'Assessment', needs: ['compliance:read'] },
  { to: '/compliance/risks', label: 'Risk register', needs: ['compliance:read'] },
  { to: '/compliance/remediation', label: 'Remediation plan', needs: ['compliance:read'] },
  { to: '/compliance/controls', label: 'Controls & evidence', needs: ['compliance:read'] },
  { to: '/compliance/signals', label: 'Live signals', needs: ['compliance:read'] },
  { to: '/compliance/policies', label: 'Policies', needs: ['compliance:read'] },
  { to: '/compliance/attestations', label: 'Attestations', needs: ['compliance:read'] },
  { to: '/compliance/vendors', label: 'Vendors & BAAs', needs: ['compliance:read'] },
  { to: '/compliance/insurance', label: 'Cyber insurance', needs: ['compliance:read'] },
  { to: '/compliance/reports', label: 'Reports', needs: ['compliance:export'] },
  { to: '/settings', label: 'Organisation settings', needs: ['dsos:read'] },
];

function isActive(pathname: string, to: string): boolean {
  if (to === '/' || to === '/compliance') return pathname === to;
  // "/people" must not light up on "/people/import", which has its own item.
  if (to === '/people' && pathname.startsWith('/people/import')) return false;
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const { pathname } = useLocation();
  const can = useCan();
  const items = availableItems.filter((item) => item.needs.some((permission) => can(permission)));
  const compliance = complianceItems.filter((item) => item.needs.some((permission) => can(permission)));
  return (
    <ScrollArea component="nav" aria-label="Main" type="scroll" style={{ flex: 1 }}>
      {items.map((item) => (
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
      {compliance.length > 0 && (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="lg" pb={4}>
          Compliance
        </Text>
      )}
      {compliance.map((item) => (
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
      <NavLink
        component={Link}
        to="/profile"
        label="Profile"
        active={isActive(pathname, '/profile')}
        aria-current={isActive(pathname, '/profile') ? 'page' : undefined}
        onClick={onNavigate}
      />
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
