import { Tabs } from '@mantine/core';
import { ForbiddenNotice } from '../components/forbidden-notice.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { useCan } from '../features/identity/permissions.ts';
import { TokensPanel } from '../features/identity/tokens-panel.tsx';
import { UsersPanel } from '../features/identity/users-panel.tsx';

export function AccessPage() {
  const can = useCan();
  const { filters, setFilter } = useUrlFilters(['tab'] as const);
  const canUsers = can('users:read');
  const canTokens = can('tokens:read');
  const tab = filters.tab === 'tokens' && canTokens ? 'tokens' : canUsers ? 'users' : 'tokens';
  return (
    <>
      <PageHeader
        title="Users & access"
        description="Who can sign in, with which role, and the API tokens of other systems."
      />
      {!canUsers && !canTokens ? (
        <ForbiddenNotice />
      ) : (
        <Tabs
          value={tab}
          onChange={(value) => setFilter('tab', value === 'tokens' ? 'tokens' : null)}
          keepMounted={false}
        >
          <Tabs.List mb="md">
            {canUsers && <Tabs.Tab value="users">Users</Tabs.Tab>}
            {canTokens && <Tabs.Tab value="tokens">API tokens</Tabs.Tab>}
          </Tabs.List>
          {canUsers && (
            <Tabs.Panel value="users">
              <UsersPanel />
            </Tabs.Panel>
          )}
          {canTokens && (
            <Tabs.Panel value="tokens">
              <TokensPanel />
            </Tabs.Panel>
          )}
        </Tabs>
      )}
    </>
  );
}
