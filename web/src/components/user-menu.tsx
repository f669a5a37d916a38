import { Avatar, Badge, Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useSignOut } from '../api/session.ts';
import type { MeView } from '../api/types.ts';
import { roleLabels } from '../features/identity/permissions.ts';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

/** The signed-in user's name and role, with their profile and sign-out. */
export function UserMenu({ me }: { me: MeView }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { user } = me;
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          leftSection={
            <Avatar size="sm" color="blue" name={user.displayName}>
              {initials(user.displayName)}
            </Avatar>
          }
          aria-label={`Account menu for ${user.displayName}`}
        >
          <Text fw={500} size="sm" truncate maw={160} visibleFrom="xs">
            {user.displayName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={500} c="var(--mantine-color-text)" truncate>
            {user.email}
          </Text>
          <Badge variant="light" size="sm" mt={4}>
            <VisuallyHidden>Role: </VisuallyHidden>
            {roleLabels[user.role]}
          </Badge>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/profile">
          Profile and sessions
        </Menu.Item>
        <Menu.Item
          color="red"
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })
          }
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
