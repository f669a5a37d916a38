/** The server's password policy in words (identity.passwords.ts); the server checks the common-password list. */
export const passwordRule =
  'At least 12 characters, not a common password, and not containing your name, your email or “enamel”.';

export const minPasswordLength = 12;

/** The parts of the rule the browser can check; null when none fails. */
export function passwordProblem(password: string, context: readonly string[]): string | null {
  if (password.length < minPasswordLength) return `Use at least ${minPasswordLength} characters.`;
  const lower = password.toLowerCase();
  const words = context
    .flatMap((value) => value.toLowerCase().split(/[\s@.]+/))
    .filter((word) => word.length >= 4);
  const found = [...words, 'enamel'].find((word) => lower.includes(word));
  return found ? `Do not use “${found}” (from your name or email) in the password.` : null;
}
