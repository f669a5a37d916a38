import { useCallback, useEffect, useRef, useState } from 'react';
import { type FieldErrors, type MappedError, mapServerError } from './server-errors.ts';

/**
 * Values, field errors and the form-level error of one form. Client validation and server errors both land
 * in `errors`, keyed by the field's path ("hqAddress.city").
 */
export function useFormState<Values extends Record<string, unknown>>(initialValues: Values) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<MappedError['formError']>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const shouldFocusError = useRef(false);

  // After a failed submit, move focus to the first field in error (or the alert), which may be off-screen.
  useEffect(() => {
    if (!shouldFocusError.current) return;
    shouldFocusError.current = false;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    if (target?.getAttribute('role') === 'alert') target.setAttribute('tabindex', '-1');
    target?.focus();
  });

  const setField = useCallback(<Key extends keyof Values & string>(key: Key, value: Values[Key]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => {
      if (!(key in previous)) return previous;
      const { [key]: _cleared, ...rest } = previous;
      return rest;
    });
  }, []);

  /** Runs the client checks; true when the form may be sent. */
  const validate = (check: (values: Values) => FieldErrors): boolean => {
    const found = check(values);
    setErrors(found);
    setFormError(null);
    shouldFocusError.current = Object.keys(found).length > 0;
    return !shouldFocusError.current;
  };

  /**
   * Field keys are the API's paths joined by dots, so server issues find their field; forms with list rows
   * pass their row keys too ("roleMappings.2.group").
   */
  const showServerError = (error: unknown, fieldKeys: readonly string[] = Object.keys(values)) => {
    const mapped = mapServerError(error, fieldKeys);
    setErrors(mapped.fieldErrors);
    setFormError(mapped.formError);
    shouldFocusError.current = true;
  };

  return { formRef, values, setValues, setField, errors, formError, validate, showServerError };
}
