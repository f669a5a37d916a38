import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

interface SearchInputProps {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
}

/** A search box that reports what was typed after a short pause. */
export function SearchInput({ label, value, onSearch, placeholder }: SearchInputProps) {
  const [text, setText] = useState(value);
  const report = useDebouncedCallback(onSearch, 300);
  return (
    <TextInput
      label={label}
      type="search"
      value={text}
      placeholder={placeholder}
      onChange={(event) => {
        setText(event.currentTarget.value);
        report(event.currentTarget.value.trim());
      }}
      style={{ flex: 2, minWidth: 200 }}
    />
  );
}
