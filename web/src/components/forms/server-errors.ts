import { isApiError } from '../../api/api-error.ts';

export type FieldErrors = Record<string, string>;

export interface MappedError {
  fieldErrors: FieldErrors;
  /** Shown above the form: the server's message and any issue no field displays. */
  formError: { message: string; details: string[] } | null;
}

/** The longest prefix of the issue path that names a field of the form (["practiceIds", 2] -> "practiceIds"). */
function fieldFor(path: readonly (string | number)[], fieldKeys: ReadonlySet<string>): string | null {
  for (let length = path.length; length > 0; length -= 1) {
    const key = path.slice(0, length).join('.');
    if (fieldKeys.has(key)) return key;
  }
  return null;
}

/** Maps an API error's issues onto form fields by path; everything else goes to the form-level alert. */
export function mapServerError(error: unknown, fieldKeys: readonly string[]): MappedError {
  if (!isApiError(error)) {
    const message = error instanceof Error ? error.message : 'Something went wrong.';
    return { fieldErrors: {}, formError: { message, details: [] } };
  }
  const keys = new Set(fieldKeys);
  const fieldErrors: FieldErrors = {};
  const details: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path ? fieldFor(issue.path, keys) : null;
    if (field === null) details.push(issue.message);
    else fieldErrors[field] ??= issue.message;
  }
  return { fieldErrors, formError: { message: error.message, details } };
}
