import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a narrow screen; the scrolling area takes the keyboard
 * focus (arrow keys scroll it) and is named after its table.
 */
export function ScrollableTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'group', 'aria-label': label } }}>
      {children}
    </Table.ScrollContainer>
  );
}
