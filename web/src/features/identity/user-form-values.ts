import type { CreateUserInput, Role, UpdateUserInput, UserView } from '../../api/types.ts';
import type { FieldErrors } from '../../components/forms/server-errors.ts';

export interface UserFormValues extends Record<string, unknown> {
  email: string;
  displayName: string;
  role: Role;
  practiceIds: string[];
  status: UserView['status'];
  /** YYYY-MM-DD, or '' for no expiry. */
  expiresAt: string;
}

export function toUserFormValues(user: UserView | null): UserFormValues {
  return {
    email: user?.email ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'staff',
    practiceIds: user?.practiceIds ?? [],
    status: user?.status ?? 'active',
    expiresAt: user?.expiresAt ? toLocalDate(user.expiresAt) : '',
  };
}

function toLocalDate(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The account works until the end of the chosen day, in the browser's time zone. */
function toExpiry(date: string): string | null {
  return date ? new Date(`${date}T23:59:59`).toISOString() : null;
}

export function validateUserForm(values: UserFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) errors.email = 'Enter an email address.';
  if (!values.displayName.trim()) errors.displayName = 'Enter the person’s name.';
  if (values.role === 'practice_manager' && values.practiceIds.length === 0) {
    errors.practiceIds = 'Choose at least one practice.';
  }
  if (values.role === 'auditor' && !values.expiresAt)
    errors.expiresAt = 'An auditor account needs an expiry date.';
  if (values.expiresAt && new Date(`${values.expiresAt}T23:59:59`) < new Date()) {
    errors.expiresAt = 'Choose a date in the future.';
  }
  return errors;
}

export function toCreateUserInput(values: UserFormValues): CreateUserInput {
  return {
    email: values.email.trim(),
    displayName: values.displayName.trim(),
    role: values.role,
    practiceIds: values.role === 'practice_manager' ? values.practiceIds : [],
    expiresAt: toExpiry(values.expiresAt),
  };
}

/** Only what changed, so a PATCH that keeps the role does not end the user's sessions. */
export function toUpdateUserInput(initial: UserFormValues, values: UserFormValues): UpdateUserInput {
  const input: UpdateUserInput = {};
  const practiceIds = values.role === 'practice_manager' ? values.practiceIds : [];
  if (values.displayName.trim() !== initial.displayName) input.displayName = values.displayName.trim();
  if (values.role !== initial.role) input.role = values.role;
  if (values.status !== initial.status) input.status = values.status;
  if (JSON.stringify(practiceIds) !== JSON.stringify(initial.practiceIds)) input.practiceIds = practiceIds;
  if (values.expiresAt !== initial.expiresAt) input.expiresAt = toExpiry(values.expiresAt);
  return input;
}
