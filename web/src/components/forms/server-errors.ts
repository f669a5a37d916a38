import { isApiError } from '../../api/api-error.ts';

export type FieldErrors = Record<string, string>;

export interface MappedError {
  fieldErrors: FieldErrors;
  /** Shown above the form when some issue has no field: the server's message and those issues. */
  formError: { message: string; details: string[] } | null;
}

// The server prefixes paths with the request part that failed ("body", "query", "params").
const requestParts = new Set(['body', 'query', 'params']);

function withoutRequestPart(path: readonly (string | number)[]): readonly (string | number)[] {
  return typeof path[0] === 'string' && requestParts.has(path[0]) ? path.slice(1) : path;
}

/** "phone: must be a phone number" reads as "must be a phone number" under the phone field. */
function fieldMessage(message: string, path: readonly (string | number)[]): string {
  const prefix = `${path.join('.')}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
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
    const path = withoutRequestPart(issue.path ?? []);
    const field = fieldFor(path, keys);
    if (field === null) details.push(issue.message);
    else fieldErrors[field] ??= fieldMessage(issue.message, path);
  }
  const isFullyMapped = details.length === 0 && Object.keys(fieldErrors).length > 0;
  return { fieldErrors, formError: isFullyMapped ? null : { message: error.message, details } };
}
