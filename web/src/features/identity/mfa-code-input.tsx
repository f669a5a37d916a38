import { TextInput } from '@mantine/core';

interface MfaCodeInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  description?: string;
  /** A recovery code (xxxx-xxxx-xxxx) is longer than the 6 digits of a TOTP code. */
  allowRecoveryCode?: boolean;
}

export function MfaCodeInput({
  label,
  value,
  onChange,
  error,
  description,
  allowRecoveryCode,
}: MfaCodeInputProps) {
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      required
      autoComplete="one-time-code"
      inputMode={allowRecoveryCode ? 'text' : 'numeric'}
      maxLength={allowRecoveryCode ? 32 : 6}
      spellCheck={false}
      data-autofocus
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 2 } }}
    />
  );
}
