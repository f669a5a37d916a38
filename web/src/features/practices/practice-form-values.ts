import type { PracticeInput, PracticeStatus, PracticeView } from '../../api/types.ts';
import { textOrNull } from '../../components/forms/form-values.ts';
import type { FieldErrors } from '../../components/forms/server-errors.ts';
import { isUsStateCode } from '../../components/us-states.ts';
import { isValidNpi } from './npi.ts';
import { isValidTimeZone } from './time-zones.ts';

export interface PracticeFormValues extends Record<string, unknown> {
  name: string;
  legalEntity: string;
  regionId: string | null;
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string | null;
  postalCode: string;
  timeZone: string | null;
  phone: string;
  chairs: number | '';
  activePatients: number | '';
  npi: string;
  status: PracticeStatus;
}

export function toPracticeFormValues(practice: PracticeView | null): PracticeFormValues {
  return {
    name: practice?.name ?? '',
    legalEntity: practice?.legalEntity ?? '',
    regionId: practice?.regionId ?? null,
    addressLine1: practice?.addressLine1 ?? '',
    addressLine2: practice?.addressLine2 ?? '',
    city: practice?.city ?? '',
    state: practice?.state ?? null,
    postalCode: practice?.postalCode ?? '',
    timeZone: practice?.timeZone ?? null,
    phone: practice?.phone ?? '',
    chairs: practice?.chairs ?? '',
    activePatients: practice?.activePatients ?? '',
    npi: practice?.npi ?? '',
    status: practice?.status ?? 'active',
  };
}

const zipPattern = /^\d{5}(-\d{4})?$/;

function isWholeNumber(value: number | ''): boolean {
  return value === '' || (Number.isInteger(value) && value >= 0);
}

export function validatePracticeForm(values: PracticeFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the practice name.';
  else if (values.name.trim().length > 200) errors.name = 'Use at most 200 characters.';
  if (!values.state) errors.state = 'Choose the state.';
  else if (!isUsStateCode(values.state)) errors.state = 'Choose a US state or territory.';
  if (!values.timeZone) errors.timeZone = 'Choose the time zone.';
  else if (!isValidTimeZone(values.timeZone)) errors.timeZone = 'Choose a time zone from the list.';
  const zip = values.postalCode.trim();
  if (zip && !zipPattern.test(zip)) errors.postalCode = 'Use a ZIP code: 12345 or 12345-6789.';
  const npi = values.npi.trim();
  if (npi && !isValidNpi(npi)) errors.npi = 'An NPI has 10 digits and a valid check digit.';
  if (!isWholeNumber(values.chairs)) errors.chairs = 'Enter a whole number.';
  if (!isWholeNumber(values.activePatients)) errors.activePatients = 'Enter a whole number.';
  return errors;
}

/** The full body; absent optional values are null (create drops them, update sends them to clear). */
export function toPracticeInput(values: PracticeFormValues): Required<PracticeInput> {
  return {
    name: values.name.trim(),
    legalEntity: textOrNull(values.legalEntity),
    regionId: values.regionId,
    addressLine1: textOrNull(values.addressLine1),
    addressLine2: textOrNull(values.addressLine2),
    city: textOrNull(values.city),
    state: values.state ?? '',
    postalCode: textOrNull(values.postalCode),
    timeZone: values.timeZone ?? '',
    phone: textOrNull(values.phone),
    chairs: values.chairs === '' ? null : values.chairs,
    activePatients: values.activePatients === '' ? null : values.activePatients,
    npi: textOrNull(values.npi),
    status: values.status,
  };
}
