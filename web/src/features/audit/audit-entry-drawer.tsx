import { Code, Drawer, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AuditEventView } from '../../api/types.ts';
import { formatDateTime } from '../../components/format.ts';
import { OutcomeBadge } from './audit-table.tsx';

// A 64-character hash does not fit a narrow drawer on one line.
const hashStyle = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
        {children === null || children === '' ? '—' : children}
      </Text>
    </div>
  );
}

function detailText(detail: Record<string, number> | null): string | null {
  if (!detail) return null;
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
}

/** One entry in full, with the hashes that chain it to the entry before it. */
export function AuditEntryDrawer({ event, onClose }: { event: AuditEventView | null; onClose: () => void }) {
  return (
    <Drawer opened={event !== null} onClose={onClose} position="right" size="lg" title="Audit entry">
      {event && (
        <Stack component="dl" gap="sm" m={0}>
          <Field label="Time">
            {formatDateTime(event.occurredAt)} ({event.occurredAt})
          </Field>
          <Field label="Sequence">{event.seq}</Field>
          <Field label="Action">
            <Code>{event.action}</Code>
          </Field>
          <Field label="Outcome">
            <OutcomeBadge outcome={event.outcome} />
          </Field>
          <Field label="Actor">
            {event.actorLabel} ({event.actorType}
            {event.actorId ? ` ${event.actorId}` : ''})
          </Field>
          <Field label="IP address">{event.ip}</Field>
          <Field label="User agent">{event.userAgent}</Field>
          <Field label="Resource">
            {event.resourceType}
            {event.resourceId ? ` ${event.resourceId}` : ''}
          </Field>
          <Field label="Changed fields">{event.changedFields.join(', ')}</Field>
          <Field label="Detail">{detailText(event.detail)}</Field>
          <Field label="Entry id">
            <Code>{event.id}</Code>
          </Field>
          <Field label="Hash (SHA-256)">
            <Code block style={hashStyle}>
              {event.hash}
            </Code>
          </Field>
          <Field label="Previous entry’s hash">
            <Code block style={hashStyle}>
              {event.prevHash}
            </Code>
          </Field>
          <Text size="xs" c="dimmed">
            Each entry’s hash covers its content and the previous entry’s hash, so changing or removing an
            entry breaks every hash after it.
          </Text>
        </Stack>
      )}
    </Drawer>
  );
}
