import type { Address, DsoInput, DsoView } from '../../api/types.ts';
import { textOrNull } from '../../components/forms/form-values.ts';
import type { FieldErrors } from '../../components/forms/server-errors.ts';
import { isUsStateCode } from '../../components/us-states.ts';

// Keys are the API's paths, so server issues such as ["hqAddress", "city"] land on their field.
export interface DsoFormValues extends Record<string, unknown> {
  name: string;
  legalName: string;
  domains: string[];
  'hqAddress.line1': string;
  'hqAddress.line2': string;
  'hqAddress.city': string;
  'hqAddress.state': string | null;
  'hqAddress.postalCode': string;
}

export function toDsoFormValues(dso: DsoView | null): DsoFormValues {
  const address = dso?.hqAddress;
  return {
    name: dso?.name ?? '',
    legalName: dso?.legalName ?? '',
    domains: dso?.domains ?? [],
    'hqAddress.line1': address?.line1 ?? '',
    'hqAddress.line2': address?.line2 ?? '',
    'hqAddress.city': address?.city ?? '',
    'hqAddress.state': address?.state ?? null,
    'hqAddress.postalCode': address?.postalCode ?? '',
  };
}

const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const zipPattern = /^\d{5}(-\d{4})?$/;
const addressKeys = ['hqAddress.line1', 'hqAddress.city', 'hqAddress.state', 'hqAddress.postalCode'] as const;

function hasAddress(values: DsoFormValues): boolean {
  return [...addressKeys, 'hqAddress.line2' as const].some((key) => (values[key] ?? '').trim() !== '');
}

export function validateDsoForm(values: DsoFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the DSO name.';
  else if (values.name.trim().length > 200) errors.name = 'Use at most 200 characters.';
  const badDomain = values.domains.find((domain) => !domainPattern.test(domain));
  if (badDomain !== undefined) errors.domains = `"${badDomain}" is not a domain name such as example.com.`;
  if (hasAddress(values)) {
    for (const key of addressKeys) {
      if (!(values[key] ?? '').trim()) errors[key] = 'Required when an address is given.';
    }
    const state = values['hqAddress.state'];
    if (state && !isUsStateCode(state)) errors['hqAddress.state'] = 'Choose a US state.';
    const zip = values['hqAddress.postalCode'].trim();
    if (zip && !zipPattern.test(zip)) errors['hqAddress.postalCode'] = 'Use a ZIP code: 12345 or 12345-6789.';
  }
  return errors;
}

function toAddress(values: DsoFormValues): Address | null {
  if (!hasAddress(values)) return null;
  const address: Address = {
    line1: values['hqAddress.line1'].trim(),
    city: values['hqAddress.city'].trim(),
    state: values['hqAddress.state'] ?? '',
    postalCode: values['hqAddress.postalCode'].trim(),
  };
  const line2 = textOrNull(values['hqAddress.line2']);
  if (line2) address.line2 = line2;
  return address;
}

export function toDsoInput(values: DsoFormValues): Required<DsoInput> {
  return {
    name: values.name.trim(),
    legalName: textOrNull(values.legalName),
    domains: values.domains.map((domain) => domain.trim().toLowerCase()),
    hqAddress: toAddress(values),
  };
}
