import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { usePracticeOptions } from '../../api/practices.ts';
import {
  type BaaStatus,
  baaStatuses,
  type EphiAccess,
  ephiAccessLevels,
  useSaveVendor,
  type VendorCategory,
  type VendorInput,
  type VendorView,
  vendorCategories,
} from '../../api/vendors.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { baaLabels, categoryLabels, ephiLabels } from './vendor-labels.tsx';

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const dateFields = [
  'baaSignedDate',
  'baaRenewalDate',
  'lastSecurityReviewDate',
  'safeguardsVerifiedDate',
] as const;
type DateField = (typeof dateFields)[number];
const dateLabels: Record<DateField, string> = {
  baaSignedDate: 'BAA signed on',
  baaRenewalDate: 'BAA renewal date',
  lastSecurityReviewDate: 'Last security review',
  safeguardsVerifiedDate: 'Safeguards verified in writing',
};

/** Creates or edits a vendor; the server checks the BAA rules and names the field in error. */
export function VendorFormModal({ vendor, onClose }: { vendor: VendorView | null; onClose: () => void }) {
  const save = useSaveVendor(vendor?.id ?? null);
  const practices = usePracticeOptions();
  const [name, setName] = useState(vendor?.name ?? '');
  const [category, setCategory] = useState<VendorCategory>(vendor?.category ?? 'practice_management');
  const [services, setServices] = useState(vendor?.services ?? '');
  const [website, setWebsite] = useState(vendor?.website ?? '');
  const [contactName, setContactName] = useState(vendor?.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(vendor?.contactEmail ?? '');
  const [everyPractice, setEveryPractice] = useState(vendor ? vendor.practiceIds === null : true);
  const [practiceIds, setPracticeIds] = useState<string[]>(vendor?.practiceIds ?? []);
  const [ephiAccess, setEphiAccess] = useState<EphiAccess>(vendor?.ephiAccess ?? 'full');
  const [baaStatus, setBaaStatus] = useState<BaaStatus>(vendor?.baaStatus ?? 'needed');
  const [dates, setDates] = useState<Record<DateField, string>>({
    baaSignedDate: vendor?.baaSignedDate ?? '',
    baaRenewalDate: vendor?.baaRenewalDate ?? '',
    lastSecurityReviewDate: vendor?.lastSecurityReviewDate ?? '',
    safeguardsVerifiedDate: vendor?.safeguardsVerifiedDate ?? '',
  });
  const [subprocessors, setSubprocessors] = useState<string[]>(vendor?.subprocessors ?? []);
  const [notes, setNotes] = useState(vendor?.notes ?? '');
  const [retired, setRetired] = useState(vendor?.retired ?? false);
  const mapped = save.error
    ? mapServerError(save.error, [
        'name',
        'category',
        'website',
        'contactEmail',
        'practiceIds',
        'ephiAccess',
        'baaStatus',
        ...dateFields,
      ])
    : null;

  const submit = () => {
    const input: VendorInput = {
      name,
      category,
      services: orNull(services),
      website: orNull(website),
      contactName: orNull(contactName),
      contactEmail: orNull(contactEmail),
      practiceIds: everyPractice ? null : practiceIds,
      ephiAccess,
      baaStatus,
      baaSignedDate: orNull(dates.baaSignedDate),
      baaRenewalDate: orNull(dates.baaRenewalDate),
      lastSecurityReviewDate: orNull(dates.lastSecurityReviewDate),
      safeguardsVerifiedDate: orNull(dates.safeguardsVerifiedDate),
      subprocessors,
      notes: orNull(notes),
      ...(vendor ? { retired } : {}),
    };
    save.mutate(input, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={vendor ? `Edit ${vendor.name}` : 'New vendor'} size="xl">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={mapped?.fieldErrors.name}
          />
          <Select
            label="Category"
            required
            allowDeselect={false}
            data={vendorCategories.map((value) => ({ value, label: categoryLabels[value] }))}
            value={category}
            onChange={(value) => value && setCategory(value as VendorCategory)}
          />
          <Select
            label="Access to ePHI"
            required
            allowDeselect={false}
            data={ephiAccessLevels.map((value) => ({ value, label: ephiLabels[value] }))}
            value={ephiAccess}
            onChange={(value) => value && setEphiAccess(value as EphiAccess)}
            error={mapped?.fieldErrors.ephiAccess}
          />
          <Select
            label="BAA status"
            required
            allowDeselect={false}
            data={baaStatuses.map((value) => ({ value, label: baaLabels[value].label }))}
            value={baaStatus}
            onChange={(value) => value && setBaaStatus(value as BaaStatus)}
            error={mapped?.fieldErrors.baaStatus}
          />
          {dateFields.map((field) => (
            <TextInput
              key={field}
              type="date"
              label={dateLabels[field]}
              value={dates[field]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDates((previous) => ({ ...previous, [field]: value }));
              }}
              error={mapped?.fieldErrors[field]}
            />
          ))}
          <TextInput
            label="Website"
            value={website}
            onChange={(e) => setWebsite(e.currentTarget.value)}
            error={mapped?.fieldErrors.website}
          />
          <TextInput
            label="Contact name"
            value={contactName}
            onChange={(e) => setContactName(e.currentTarget.value)}
          />
          <TextInput
            label="Contact email"
            value={contactEmail}
            onChange={(e) => setContactEmail(e.currentTarget.value)}
            error={mapped?.fieldErrors.contactEmail}
          />
          <TagsInput
            label="Sub-processors"
            description="Press Enter after each name"
            value={subprocessors}
            onChange={setSubprocessors}
            maxTags={50}
          />
        </SimpleGrid>
        <Checkbox
          label="Serves every practice"
          checked={everyPractice}
          onChange={(e) => setEveryPractice(e.currentTarget.checked)}
        />
        {!everyPractice && (
          <MultiSelect
            label="Practices served"
            searchable
            data={(practices.data ?? []).map((practice) => ({ value: practice.id, label: practice.name }))}
            value={practiceIds}
            onChange={setPracticeIds}
            error={mapped?.fieldErrors.practiceIds}
          />
        )}
        <Textarea
          label="Services"
          autosize
          minRows={2}
          value={services}
          onChange={(e) => setServices(e.currentTarget.value)}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        {vendor && (
          <Checkbox
            label="Retired: we no longer use this vendor (the record and its BAA dates are kept)"
            checked={retired}
            onChange={(e) => setRetired(e.currentTarget.checked)}
          />
        )}
        <FormErrorAlert error={mapped?.formError ?? null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={submit}>
            {vendor ? 'Save' : 'Add vendor'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
