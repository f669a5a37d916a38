import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export const vendorCategories = [
  'practice_management',
  'imaging',
  'clearinghouse',
  'it_provider',
  'cloud_backup',
  'email',
  'other',
] as const;
export type VendorCategory = (typeof vendorCategories)[number];
export const ephiAccessLevels = ['none', 'limited', 'full'] as const;
export type EphiAccess = (typeof ephiAccessLevels)[number];
export const baaStatuses = ['not_required', 'needed', 'requested', 'signed', 'expired'] as const;
export type BaaStatus = (typeof baaStatuses)[number];
export const vendorWarningCodes = [
  'baa_missing',
  'baa_renewal_due',
  'baa_renewal_past',
  'security_review_stale',
  'safeguards_verification_stale',
] as const;
export type VendorWarningCode = (typeof vendorWarningCodes)[number];

export interface VendorView {
  id: string;
  name: string;
  category: VendorCategory;
  services: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  practiceIds: string[] | null;
  ephiAccess: EphiAccess;
  baaStatus: BaaStatus;
  baaSignedDate: string | null;
  baaRenewalDate: string | null;
  subprocessors: string[];
  lastSecurityReviewDate: string | null;
  safeguardsVerifiedDate: string | null;
  notes: string | null;
  retired: boolean;
  retiredAt: string | null;
  warnings: { code: VendorWarningCode; message: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface VendorInput {
  name?: string;
  category?: VendorCategory;
  services?: string | null;
  website?: string | null;
  contactName?: string | null;
  contactEmail?: string | null;
  practiceIds?: string[] | null;
  ephiAccess?: EphiAccess;
  baaStatus?: BaaStatus;
  baaSignedDate?: string | null;
  baaRenewalDate?: string | null;
  subprocessors?: string[];
  lastSecurityReviewDate?: string | null;
  safeguardsVerifiedDate?: string | null;
  notes?: string | null;
  retired?: boolean;
}

export interface VendorFilters {
  category?: VendorCategory | undefined;
  warning?: VendorWarningCode | undefined;
  practiceId?: string | undefined;
  includeRetired?: boolean | undefined;
}

export const vendorKeys = {
  all: ['compliance', 'vendors'] as const,
  list: (filters: VendorFilters) => ['compliance', 'vendors', 'list', filters] as const,
};

export function useVendors(filters: VendorFilters) {
  return useQuery({
    queryKey: vendorKeys.list(filters),
    queryFn: () =>
      api.get<{ items: VendorView[]; counts: { total: number; withWarnings: number } }>(
        '/compliance/vendors',
        {
          query: { ...filters, includeRetired: filters.includeRetired ? 'true' : undefined },
        },
      ),
  });
}

export function useSaveVendor(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: VendorInput) =>
      id
        ? api.patch<VendorView>(`/compliance/vendors/${encodeURIComponent(id)}`, { json: input })
        : api.post<VendorView>('/compliance/vendors', { json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vendorKeys.all }),
  });
}
