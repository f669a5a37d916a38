import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { ForbiddenNotice } from '../components/forbidden-notice.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { type Permission, useCan } from '../features/identity/permissions.ts';
import { SsoProvidersPanel } from '../features/identity/sso-providers-panel.tsx';
import { TokensPanel } from '../features/identity/tokens-panel.tsx';
import { UsersPanel } from '../features/identity/users-panel.tsx';

/** The tabs in order; the first the user may read is the default (and is kept out of the URL). */
const tabs = [
  { value: 'users', label: 'Users', permission: 'users:read', Panel: UsersPanel },
  { value: 'tokens', label: 'API tokens', permission: 'tokens:read', Panel: TokensPanel },
  { value: 'sso', label: 'SSO providers', permission: 'sso:read', Panel: SsoProvidersPanel },
] as const satisfies readonly {
  value: string;
  label: string;
  permission: Permission;
  Panel: () => ReactNode;
}[];

export function AccessPage() {
  const can = useCan();
  const { filters, setFilter } = useUrlFilters(['tab'] as const);
  const allowed = tabs.filter((tab) => can(tab.permission));
  const first = allowed[0];
  const tab = allowed.find((candidate) => candidate.value === filters.tab) ?? first;
  return (
    <>
      <PageHeader
        title="Users & access"
        description="Who can sign in, with which role, single sign-on, and the API tokens of other systems."
      />
      {!first || !tab ? (
        <ForbiddenNotice />
      ) : (
        <Tabs
          value={tab.value}
          onChange={(value) => setFilter('tab', value === first.value ? null : value)}
          keepMounted={false}
        >
          <Tabs.List mb="md">
            {allowed.map(({ value, label }) => (
              <Tabs.Tab key={value} value={value}>
                {label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {allowed.map(({ value, Panel }) => (
            <Tabs.Panel key={value} value={value}>
              <Panel />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </>
  );
}
