import { Select, type SelectProps } from '@mantine/core';
import { usStateOptions } from './us-states.ts';

type StateSelectProps = Omit<SelectProps, 'data' | 'searchable'>;

/** A searchable select of US state and territory codes ("TX — Texas"). */
export function StateSelect(props: StateSelectProps) {
  return <Select data={usStateOptions} searchable {...props} />;
}
