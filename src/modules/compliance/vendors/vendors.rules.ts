import type { ErrorIssue } from '../../../platform/errors.ts';
import { addDays, addMonths } from '../policies/dates.ts';
import type { VendorWarning } from './vendors.schema.ts';

/** A BAA renewal this close (or past) is flagged. */
export const renewalWarningDays = 60;
/** Security reviews and safeguard verifications are expected every 12 months. */
export const reviewMonths = 12;

export interface VendorFacts {
  readonly ephiAccess: string;
  readonly baaStatus: string;
  readonly baaSignedDate: string | null;
  readonly baaRenewalDate: string | null;
  readonly lastSecurityReviewDate: string | null;
  readonly safeguardsVerifiedDate: string | null;
}

/** Every rule a vendor's BAA and dates break, each naming its field. */
export function vendorProblems(vendor: VendorFacts, today: string): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const add = (field: string, code: string, message: string) =>
    issues.push({ path: ['body', field], code, message: `${field}: ${message}` });
  if (vendor.baaStatus === 'signed' && !vendor.baaSignedDate) {
    add('baaSignedDate', 'required', 'a signed BAA needs the date it was signed');
  }
  if (vendor.baaSignedDate && vendor.baaRenewalDate && vendor.baaRenewalDate <= vendor.baaSignedDate) {
    add('baaRenewalDate', 'before_signed', `must be after the signed date ${vendor.baaSignedDate}`);
  }
  if (vendor.ephiAccess !== 'none' && vendor.baaStatus === 'not_required') {
    add(
      'baaStatus',
      'baa_required',
      `a vendor with ${vendor.ephiAccess} access to ePHI needs a BAA (45 CFR 164.308(b))`,
    );
  }
  for (const field of ['baaSignedDate', 'lastSecurityReviewDate', 'safeguardsVerifiedDate'] as const) {
    const value = vendor[field];
    if (value && value > today) add(field, 'in_future', `must not be after today (${today})`);
  }
  return issues;
}

/** What needs attention, derived with today's date; a vendor without ePHI access needs none of it. */
export function vendorWarnings(vendor: VendorFacts, today: string): VendorWarning[] {
  if (vendor.ephiAccess === 'none') return [];
  const warnings: VendorWarning[] = [];
  if (vendor.baaStatus !== 'signed') {
    warnings.push({
      code: 'baa_missing',
      message: `This vendor has ${vendor.ephiAccess} access to ePHI but no signed BAA (status: ${vendor.baaStatus.replace('_', ' ')}).`,
    });
  } else if (vendor.baaRenewalDate && vendor.baaRenewalDate < today) {
    warnings.push({
      code: 'baa_renewal_past',
      message: `The BAA renewal date ${vendor.baaRenewalDate} has passed.`,
    });
  } else if (vendor.baaRenewalDate && vendor.baaRenewalDate <= addDays(today, renewalWarningDays)) {
    warnings.push({
      code: 'baa_renewal_due',
      message: `The BAA is up for renewal on ${vendor.baaRenewalDate}.`,
    });
  }
  const yearAgo = addMonths(today, -reviewMonths);
  if (!vendor.lastSecurityReviewDate || vendor.lastSecurityReviewDate < yearAgo) {
    warnings.push({
      code: 'security_review_stale',
      message: vendor.lastSecurityReviewDate
        ? `The last security review (${vendor.lastSecurityReviewDate}) is more than 12 months old.`
        : 'No security review is recorded.',
    });
  }
  if (!vendor.safeguardsVerifiedDate || vendor.safeguardsVerifiedDate < yearAgo) {
    warnings.push({
      code: 'safeguards_verification_stale',
      message: vendor.safeguardsVerifiedDate
        ? `The written verification of safeguards (${vendor.safeguardsVerifiedDate}) is more than 12 months old.`
        : 'No annual written verification of safeguards is recorded.',
    });
  }
  return warnings;
}
