import type { ReactNode } from 'react';
import { Card, Table } from '@mantine/core';

/** A table with column headers; the first cell of each row heads the row. */
export function RuleTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <Card padding={0}>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" captionSide="top">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column} scope="col">{column}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
