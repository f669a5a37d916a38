import { useMe } from '../../api/me.ts';
import type { Role } from '../../api/types.ts';

/**
 * A copy of the server's permission matrix (src/modules/identity/identity.roles.ts), used only to hide what a
 * role cannot use: the server still decides every request.
 */
const managers = ['dso_admin', 'security_officer', 'it_admin', 'practice_manager'] as const;

export const permissionMatrix = {
  'dsos:read': ['dso_admin', 'security_officer', 'it_admin', 'practice_manager', 'auditor'],
  'dsos:write': ['dso_admin'],
  'regions:read': [...managers, 'auditor'],
  'regions:write': ['dso_admin', 'it_admin'],
  'practices:read': [...managers, 'auditor'],
  'practices:write': ['dso_admin', 'it_admin', 'practice_manager'],
  'people:read': [...managers, 'auditor'],
  'people:write': ['dso_admin', 'it_admin', 'practice_manager'],
  'people:import': ['dso_admin', 'it_admin'],
  'audit:read': ['dso_admin', 'security_officer', 'auditor'],
  'audit:export': ['dso_admin', 'security_officer', 'auditor'],
  'users:read': ['dso_admin', 'security_officer', 'it_admin', 'auditor'],
  'users:write': ['dso_admin', 'it_admin'],
  'tokens:read': ['dso_admin', 'it_admin', 'security_officer'],
  'tokens:write': ['dso_admin', 'it_admin'],
  'sso:read': ['dso_admin', 'security_officer', 'it_admin'],
  'sso:write': ['dso_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionMatrix;

export function roleAllows(role: Role, permission: Permission): boolean {
  return (permissionMatrix[permission] as readonly Role[]).includes(role);
}

/** Roles a user of `actor` role may give to others (mirrors `assignableRoles` on the server). */
export function assignableRoles(actor: Role): readonly Role[] {
  if (actor === 'dso_admin')
    return ['dso_admin', 'security_officer', 'it_admin', 'practice_manager', 'staff', 'auditor'];
  if (actor === 'it_admin') return ['it_admin', 'practice_manager', 'staff', 'auditor'];
  return [];
}

export const roleLabels: Record<Role, string> = {
  dso_admin: 'DSO administrator',
  security_officer: 'Security officer',
  it_admin: 'IT administrator',
  practice_manager: 'Practice manager',
  staff: 'Staff',
  auditor: 'Auditor',
};

/** `can('people:write')` for the signed-in user; false while /me loads. */
export function useCan(): (permission: Permission) => boolean {
  const role = useMe().data?.user.role;
  return (permission) => (role ? roleAllows(role, permission) : false);
}
