import type { JobRole, PersonInput, PersonStatus, PersonView } from '../../api/types.ts';
import type { FieldErrors } from '../../components/forms/server-errors.ts';

export interface PersonFormValues extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  email: string;
  jobRole: JobRole | null;
  practiceIds: string[];
  hireDate: string;
  terminationDate: string;
  status: PersonStatus;
  tags: string[];
}

export function toPersonFormValues(person: PersonView | null, practiceId?: string): PersonFormValues {
  return {
    firstName: person?.firstName ?? '',
    lastName: person?.lastName ?? '',
    email: person?.email ?? '',
    jobRole: person?.jobRole ?? null,
    practiceIds: person?.practices.map((practice) => practice.id) ?? (practiceId ? [practiceId] : []),
    hireDate: person?.hireDate ?? '',
    terminationDate: person?.terminationDate ?? '',
    status: person?.status ?? 'active',
    tags: person?.tags ?? [],
  };
}

// Deliberately loose (RFC 5322 allows far more); the server has the final word.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export function validatePersonForm(values: PersonFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.firstName.trim()) errors.firstName = 'Enter the first name.';
  if (!values.lastName.trim()) errors.lastName = 'Enter the last name.';
  if (!values.email.trim()) errors.email = 'Enter the work email address.';
  else if (!emailPattern.test(values.email.trim()))
    errors.email = 'Enter an email address such as name@example.com.';
  if (!values.jobRole) errors.jobRole = 'Choose the job role.';
  if (values.hireDate && !datePattern.test(values.hireDate)) errors.hireDate = 'Use a date (YYYY-MM-DD).';
  if (values.terminationDate && !datePattern.test(values.terminationDate)) {
    errors.terminationDate = 'Use a date (YYYY-MM-DD).';
  } else if (values.hireDate && values.terminationDate && values.terminationDate < values.hireDate) {
    errors.terminationDate = 'The termination date is before the hire date.';
  }
  return errors;
}

/** The full body; blank dates are null (create drops them, update sends them to clear). */
export function toPersonInput(values: PersonFormValues): Required<PersonInput> {
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: values.email.trim(),
    jobRole: values.jobRole ?? 'other',
    practiceIds: values.practiceIds,
    hireDate: values.hireDate || null,
    terminationDate: values.terminationDate || null,
    status: values.status,
    tags: values.tags,
  };
}
