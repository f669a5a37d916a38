import { Table, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

interface SortableThProps {
  field: string;
  /** The current sort: a field name, with a leading "-" when descending. */
  sort: string;
  onSort: (sort: string) => void;
  children: ReactNode;
}

/** A column header that sorts on click: ascending first, then descending. */
export function SortableTh({ field, sort, onSort, children }: SortableThProps) {
  const isActive = sort === field || sort === `-${field}`;
  const isDescending = sort === `-${field}`;
  const ariaSort = isActive ? (isDescending ? 'descending' : 'ascending') : 'none';
  const arrow = isActive ? (isDescending ? '▼' : '▲') : '↕';
  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton
        onClick={() => onSort(isActive && !isDescending ? `-${field}` : field)}
        fw={700}
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        {children}{' '}
        <span aria-hidden="true" style={{ opacity: isActive ? 1 : 0.4 }}>
          {arrow}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
