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

/** Phishing simulations and the report path. */
const phishingItems: readonly NavItem[] = [
  { to: '/phishing', label: 'Campaigns', needs: ['phishing:read'] },
  { to: '/phishing/templates', label: 'Templates', needs: ['phishing:read'] },
  { to: '/phishing/landing-pages', label: 'Landing pages', needs: ['phishing:write'] },
  { to: '/phishing/sending-profiles', label: 'Sending profiles', needs: ['phishing:write'] },
  { to: '/phishing/reported', label: 'Reported emails', needs: ['phishing:write'] },
  { to: '/phishing/settings', label: 'Report mailbox & webhooks', needs: ['phishing:write'] },
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
  // "Campaigns" lights up on campaign pages, not on the other phishing pages.
  if (to === '/phishing') return pathname === to || pathname.startsWith('/phishing/campaigns');
  // "/people" must not light up on "/people/import", which has its own item.
  if (to === '/people' && pathname.startsWith('/people/import')) return false;
  return pathname === to || pathname.startsWith(`${to}/`);
}

function NavItems({
  items,
  pathname,
  onNavigate,
}: {
  items: readonly NavItem[];
  pathname: string;
  onNavigate: () => void;
}) {
  return items.map((item) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      active={isActive(pathname, item.to)}
      aria-current={isActive(pathname, item.to) ? 'page' : undefined}
      onClick={onNavigate}
    />
  ));
}

function SectionTitle({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="lg" pb={4}>
      {children}
    </Text>
  );
}

export function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const { pathname } = useLocation();
  const can = useCan();
  const allowed = (list: readonly NavItem[]) =>
    list.filter((item) => item.needs.some((permission) => can(permission)));
  const compliance = allowed(complianceItems);
  const phishing = allowed(phishingItems);
  const profile: NavItem = { to: '/profile', label: 'Profile', needs: [] };
  return (
    <ScrollArea component="nav" aria-label="Main" type="scroll" style={{ flex: 1 }}>
      <NavItems items={allowed(availableItems)} pathname={pathname} onNavigate={onNavigate} />
      {compliance.length > 0 && <SectionTitle>Compliance</SectionTitle>}
      <NavItems items={compliance} pathname={pathname} onNavigate={onNavigate} />
      {phishing.length > 0 && <SectionTitle>Phishing</SectionTitle>}
      <NavItems items={phishing} pathname={pathname} onNavigate={onNavigate} />
      <NavItems items={[profile]} pathname={pathname} onNavigate={onNavigate} />
      <SectionTitle>Coming next</SectionTitle>
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
