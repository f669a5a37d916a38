import type { Permission } from '../../platform/http/access.ts';

/**
 * The permission matrix: which role may do what. One table, read by the one access hook; a role not listed
 * for a permission is denied. Practice managers act only inside their chosen practices; staff only on
 * themselves; auditors read and export, and their accounts expire.
 */
export const roles = [
  'dso_admin',
  'security_officer',
  'it_admin',
  'practice_manager',
  'staff',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

const everyone = roles;
const managers = ['dso_admin', 'security_officer', 'it_admin', 'practice_manager'] as const;

export const permissionMatrix: Record<Permission, readonly Role[]> = {
  public: everyone,
  self: everyone,
  'context:read': everyone,
  'dsos:read': ['dso_admin', 'security_officer', 'it_admin', 'practice_manager', 'auditor'],
  'dsos:write': ['dso_admin'],
  'dsos:create': [],
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
  // Practice managers answer, rate and evidence only inside their practices; DSO-wide items need a wider role.
  'compliance:read': [...managers, 'auditor'],
  'compliance:write': [...managers],
  // Accepting a risk, approving a policy and signing off the risk analysis are the security official's acts.
  'compliance:approve': ['dso_admin', 'security_officer'],
  'compliance:export': ['dso_admin', 'security_officer', 'it_admin', 'auditor'],
  'signals:write': ['dso_admin', 'security_officer', 'it_admin'],
  // Practice managers follow their practices' results; running simulations is the security team's.
  'phishing:read': [...managers, 'auditor'],
  'phishing:write': ['dso_admin', 'security_officer', 'it_admin'],
  // A report-button add-in or mail gateway submits reported emails with an API token of this scope.
  'reports:submit': ['dso_admin', 'security_officer', 'it_admin'],
};

/** Roles above staff must use MFA (the January 2025 HIPAA proposal makes it mandatory). */
export function requiresMfa(role: Role): boolean {
  return role !== 'staff';
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return permissionMatrix[permission].includes(role);
}

/** Roles a user of `actor` role may give to others: never more than their own reach. */
export function assignableRoles(actor: Role): readonly Role[] {
  if (actor === 'dso_admin') return roles;
  if (actor === 'it_admin') return ['it_admin', 'practice_manager', 'staff', 'auditor'];
  return [];
}

/** Permissions an API token may carry: reading and ingesting, never managing users or tokens. */
export const tokenScopes = [
  'practices:read',
  'people:read',
  'people:import',
  'regions:read',
  'audit:read',
  'audit:export',
  'compliance:read',
  'compliance:export',
  'signals:write',
  'phishing:read',
  'reports:submit',
] as const satisfies readonly Permission[];

/** Every permission the role holds, for the caller's context (`GET /api/v1/me`). */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(permissionMatrix) as Permission[]).filter(
    (permission) => !['public', 'self'].includes(permission) && roleAllows(role, permission),
  );
}
