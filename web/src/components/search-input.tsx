import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

interface SearchInputProps {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  description?: string;
  /** Checks the text before reporting it: a message keeps the text from being reported. */
  check?: (value: string) => string | null;
}

/** A search box that reports what was typed after a short pause. */
export function SearchInput({ label, value, onSearch, placeholder, description, check }: SearchInputProps) {
  const [text, setText] = useState(value);
  const report = useDebouncedCallback(onSearch, 300);
  const error = check && text.trim() ? check(text.trim()) : null;
  return (
    <TextInput
      label={label}
      type="search"
      value={text}
      placeholder={placeholder}
      description={description}
      error={error}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        if (!check || !next.trim() || !check(next.trim())) report(next.trim());
      }}
      style={{ flex: 2, minWidth: 200 }}
    />
  );
}
