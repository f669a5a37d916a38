import { Table } from '@mantine/core';
import type { ImportResult } from '../../api/types.ts';

interface ImportSummaryTableProps {
  result: ImportResult;
  caption: string;
}

export function ImportSummaryTable({ result, caption }: ImportSummaryTableProps) {
  const rows = [
    { label: result.dryRun ? 'To create' : 'Created', count: result.summary.create },
    { label: result.dryRun ? 'To update' : 'Updated', count: result.summary.update },
    { label: result.dryRun ? 'To terminate' : 'Terminated', count: result.summary.terminate },
    { label: 'Unchanged', count: result.summary.unchanged },
  ];
  return (
    <Table maw={420} withTableBorder aria-label={caption}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Change</Table.Th>
          <Table.Th ta="right">People</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Td>{row.label}</Table.Td>
            <Table.Td ta="right" fw={row.count > 0 ? 700 : 400}>
              {row.count}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
