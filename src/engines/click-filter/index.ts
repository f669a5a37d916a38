/**
 * Automated-click filtering for phishing simulations (docs/phishing/tracking.md): tells a person's open, click
 * or submission from a mail-security scanner's, by address range, user agent and timing. Pure: rules in,
 * verdict out.
 *
 * @example
 * const rules = compileClickRules(defaultScannerData, { cidrs: ['198.51.100.0/24'] });
 * classifyClick({ ip: '40.107.3.4', userAgent: 'Mozilla/5.0', sentAt, clickedAt, confirmedByScript: false, rules });
 * // { automated: true, reason: 'scanner-address', rule: 'Microsoft Defender for Office 365 / ...' }
 */
export { type Cidr, cidrContains, parseAddress, parseCidr } from './cidr.ts';
export {
  type Classification,
  type ClickInput,
  type ClickReason,
  classifyClick,
  classifySource,
  isEarly,
  type RequestKind,
  type SourceInput,
} from './classify.ts';
export {
  ClickRuleError,
  type ClickRules,
  compileClickRules,
  type RuleScope,
  type ScannerData,
  type ScannerExtras,
  type ScannerRange,
  type ScannerUserAgent,
} from './rules.ts';
export { defaultScannerData } from './scanner-defaults.ts';
