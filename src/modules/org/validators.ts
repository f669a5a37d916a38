/**
 * The IANA time zone as given when it is valid, with its letter case corrected ("america/chicago" ->
 * "America/Chicago"); null if unknown. Links such as "US/Central" are kept: ICU would rewrite some current
 * IANA names to older CLDR ones (America/Indiana/Indianapolis -> America/Indianapolis).
 */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(value)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * NPI check digit: Luhn over the 9 leading digits prefixed with 80840, the health-industry issuer prefix
 * (CMS, "Requirements for NPI Check Digit", 2005).
 */
export function isValidNpi(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = `80840${value}`.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits[digits.length - 1 - i] as number;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Lower-cased, trimmed, internal whitespace collapsed: the key used for case-insensitive uniqueness. */
export function nameKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}
