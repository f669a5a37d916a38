import type { Rating } from './risk-rating.ts';

/**
 * The fixed asset groups the register offers (free text of up to 100 characters is accepted too), and the
 * tables that turn a questionnaire vulnerability into a proposed risk: its asset group and each threat's impact.
 */
export const assetGroups = [
  'Practice-management server',
  'Imaging workstations',
  'Front-desk and clinical workstations',
  'Laptops and mobile devices',
  'Email accounts',
  'Backups',
  'Network and remote access',
  'Cloud and vendor services',
  'Workforce and accounts',
  'Media and paper records',
  'Offices and facilities',
  'All ePHI systems',
  'Security program',
] as const;
export type AssetGroup = (typeof assetGroups)[number];

/**
 * Impact of each questionnaire threat on ePHI: high where ePHI is lost, encrypted, stolen in bulk or the
 * offices stop (ransomware, data loss, exfiltration, downtime, vendor breaches); low where one record may be
 * glimpsed; medium otherwise.
 */
export const threatImpacts: Readonly<Record<string, Rating>> = {
  ransomware: 'high',
  'data-loss': 'high',
  'data-exfiltration': 'high',
  'business-email-compromise': 'high',
  'extended-downtime': 'high',
  'vendor-breach': 'high',
  'supply-chain-compromise': 'high',
  'unauthorised-remote-access': 'high',
  'lateral-movement': 'high',
  'regulatory-penalty': 'medium',
  'unpatched-exploit': 'medium',
  'insider-misuse': 'medium',
  phishing: 'medium',
  'credential-theft': 'medium',
  malware: 'medium',
  'undetected-intrusion': 'medium',
  'device-theft': 'medium',
  interception: 'medium',
  'natural-disaster': 'medium',
  burglary: 'medium',
  'improper-disposal': 'medium',
  'casual-disclosure': 'low',
};

/** The asset group each questionnaire vulnerability puts at risk. */
export const vulnerabilityAssets: Readonly<Record<string, AssetGroup>> = {
  'no-risk-analysis': 'Security program',
  'incomplete-asset-inventory': 'All ePHI systems',
  'no-risk-management-plan': 'Security program',
  'no-written-policies': 'Security program',
  'no-documentation-retention': 'Security program',
  'no-security-official': 'Security program',
  'no-sanction-policy': 'Workforce and accounts',
  'untrained-workforce': 'Workforce and accounts',
  'shared-logins': 'Practice-management server',
  'excessive-access': 'Practice-management server',
  'slow-termination': 'Workforce and accounts',
  'weak-passwords': 'Workforce and accounts',
  'no-mfa-email': 'Email accounts',
  'no-mfa-remote-access': 'Network and remote access',
  'unmanaged-remote-support': 'Network and remote access',
  'no-edr': 'Front-desk and clinical workstations',
  'unpatched-systems': 'Practice-management server',
  'unsupported-os': 'Imaging workstations',
  'flat-network': 'Network and remote access',
  'no-audit-logging': 'Practice-management server',
  'no-auto-logoff': 'Front-desk and clinical workstations',
  'unencrypted-laptops': 'Laptops and mobile devices',
  'unencrypted-transmission': 'Email accounts',
  'no-offline-backup': 'Backups',
  'untested-restore': 'Backups',
  'no-contingency-plan': 'All ePHI systems',
  'no-incident-response': 'Security program',
  'no-baa-imaging-vendor': 'Cloud and vendor services',
  'unvetted-vendors': 'Cloud and vendor services',
  'weak-physical-access': 'Offices and facilities',
  'exposed-front-desk-screens': 'Front-desk and clinical workstations',
  'improper-media-disposal': 'Media and paper records',
  'no-device-tracking': 'Laptops and mobile devices',
};

/** "business-email-compromise" -> "Business email compromise". */
export function threatLabel(id: string): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Threats of a vulnerability as one text and the worst impact among them (unknown threats count medium). */
export function threatsOf(threats: readonly string[]): { threat: string; impact: Rating } {
  const impacts = threats.map((t) => threatImpacts[t] ?? 'medium');
  const impact: Rating = impacts.includes('high') ? 'high' : impacts.includes('medium') ? 'medium' : 'low';
  return { threat: threats.map(threatLabel).join(', '), impact };
}
