import { Anchor, Button, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { usePracticeOptions } from '../api/practices.ts';
import {
  useVendors,
  type VendorCategory,
  type VendorFilters,
  type VendorView,
  type VendorWarningCode,
  vendorCategories,
  vendorWarningCodes,
} from '../api/vendors.ts';
import { formatDate } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { VendorFormModal } from '../features/vendors/vendor-form-modal.tsx';
import {
  BaaBadge,
  categoryLabels,
  ephiLabels,
  VendorWarnings,
  warningLabels,
} from '../features/vendors/vendor-labels.tsx';

export function VendorsPage() {
  const can = useCan();
  const practices = usePracticeOptions();
  const [filters, setFilters] = useState<VendorFilters>({});
  const vendors = useVendors(filters);
  const [editing, setEditing] = useState<VendorView | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title="Vendors and BAAs"
        description="Every vendor that touches patient information, its business associate agreement, security reviews and the annual written verification of safeguards."
        actions={can('compliance:write') && <Button onClick={() => setEditing('new')}>Add vendor</Button>}
      />
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Category"
          clearable
          data={vendorCategories.map((value) => ({ value, label: categoryLabels[value] }))}
          value={filters.category ?? null}
          onChange={(value) => setFilters({ ...filters, category: (value as VendorCategory) ?? undefined })}
        />
        <Select
          label="Warning"
          clearable
          data={vendorWarningCodes.map((value) => ({ value, label: warningLabels[value] }))}
          value={filters.warning ?? null}
          onChange={(value) => setFilters({ ...filters, warning: (value as VendorWarningCode) ?? undefined })}
        />
        <Select
          label="Practice"
          clearable
          searchable
          data={(practices.data ?? []).map((practice) => ({ value: practice.id, label: practice.name }))}
          value={filters.practiceId ?? null}
          onChange={(value) => setFilters({ ...filters, practiceId: value ?? undefined })}
        />
        <Checkbox
          label="Show retired"
          checked={filters.includeRetired ?? false}
          onChange={(event) => setFilters({ ...filters, includeRetired: event.currentTarget.checked })}
          mb={8}
        />
      </Group>
      {vendors.isPending ? (
        <PageLoader />
      ) : vendors.isError ? (
        <QueryError error={vendors.error} onRetry={() => vendors.refetch()} />
      ) : vendors.data.items.length === 0 ? (
        <Text c="dimmed">
          No vendor matches. Add your practice-management, imaging and backup vendors first.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            {vendors.data.counts.total} vendors, {vendors.data.counts.withWarnings} needing attention
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label="Vendors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Vendor</Table.Th>
                  <Table.Th>Category</Table.Th>
                  <Table.Th>ePHI</Table.Th>
                  <Table.Th>BAA</Table.Th>
                  <Table.Th>Renewal</Table.Th>
                  <Table.Th>Last review</Table.Th>
                  <Table.Th>Warnings</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {vendors.data.items.map((vendor) => (
                  <Table.Tr key={vendor.id} opacity={vendor.retired ? 0.6 : 1}>
                    <Table.Td>
                      {can('compliance:write') ? (
                        <Anchor component="button" onClick={() => setEditing(vendor)}>
                          {vendor.name}
                        </Anchor>
                      ) : (
                        vendor.name
                      )}
                      {vendor.retired && (
                        <Text size="xs" c="dimmed">
                          Retired {formatDate(vendor.retiredAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{categoryLabels[vendor.category]}</Table.Td>
                    <Table.Td>{ephiLabels[vendor.ephiAccess]}</Table.Td>
                    <Table.Td>
                      <BaaBadge vendor={vendor} />
                    </Table.Td>
                    <Table.Td>{formatDate(vendor.baaRenewalDate)}</Table.Td>
                    <Table.Td>{formatDate(vendor.lastSecurityReviewDate)}</Table.Td>
                    <Table.Td>
                      <VendorWarnings vendor={vendor} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {editing && (
        <VendorFormModal vendor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
