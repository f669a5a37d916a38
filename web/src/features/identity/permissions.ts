import { useMe } from '../../api/me.ts';
import type { Role } from '../../api/types.ts';

/** Permissions the web app asks about; the server sends the caller's own in `GET /api/v1/me`. */
export type Permission =
  | 'dsos:read'
  | 'dsos:write'
  | 'regions:read'
  | 'regions:write'
  | 'practices:read'
  | 'practices:write'
  | 'people:read'
  | 'people:write'
  | 'people:import'
  | 'audit:read'
  | 'audit:export'
  | 'users:read'
  | 'users:write'
  | 'tokens:read'
  | 'tokens:write'
  | 'sso:read'
  | 'sso:write'
  | 'compliance:read'
  | 'compliance:write'
  | 'compliance:approve'
  | 'compliance:export'
  | 'signals:write'
  | 'phishing:read'
  | 'phishing:write'
  | 'reports:submit';

export const roleLabels: Record<Role, string> = {
  dso_admin: 'DSO administrator',
  security_officer: 'Security officer',
  it_admin: 'IT administrator',
  practice_manager: 'Practice manager',
  staff: 'Staff',
  auditor: 'Auditor',
};

/**
 * `can('people:write')` for the signed-in user, from the permissions the server sent (used only to hide what
 * the role cannot use: the server still decides every request); false while /me loads.
 */
export function useCan(): (permission: Permission) => boolean {
  const permissions = useMe().data?.permissions;
  return (permission) => permissions?.includes(permission) ?? false;
}

/** Roles the signed-in user may give to others, as the server says. */
export function useAssignableRoles(): readonly Role[] {
  return useMe().data?.assignableRoles ?? [];
}
