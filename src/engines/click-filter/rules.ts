import { type Cidr, parseCidr } from './cidr.ts';

/** Which requests a rule judges: every kind, or only clicks and submissions (ranges that also proxy opens). */
export type RuleScope = 'any' | 'click';

export interface ScannerRange {
  readonly cidr: string;
  readonly label: string;
  readonly source: string;
  readonly effectiveDate: string;
  readonly appliesTo?: RuleScope;
}

export interface ScannerUserAgent {
  /** Matched case-insensitively anywhere in the User-Agent header. */
  readonly contains: string;
  readonly label: string;
  readonly source: string;
  readonly effectiveDate: string;
  readonly appliesTo?: RuleScope;
}

/** The rules as data: scanner ranges, user-agent fragments and the early-click window. */
export interface ScannerData {
  readonly ranges: readonly ScannerRange[];
  readonly userAgents: readonly ScannerUserAgent[];
  /** A click this many seconds or less after delivery needs the page's script to confirm it. */
  readonly earlyClickSeconds: number;
}

/** A DSO's or an installation's additions to the defaults. */
export interface ScannerExtras {
  readonly cidrs?: readonly string[];
  readonly userAgents?: readonly string[];
  readonly earlyClickSeconds?: number;
}

/** Rules compiled once: parsed ranges and lower-cased fragments. */
export interface ClickRules {
  readonly ranges: readonly { readonly cidr: Cidr; readonly label: string; readonly scope: RuleScope }[];
  readonly userAgents: readonly {
    readonly contains: string;
    readonly label: string;
    readonly scope: RuleScope;
  }[];
  readonly earlyClickSeconds: number;
}

/** A rule that cannot be compiled, with where it is. */
export class ClickRuleError extends Error {
  readonly path: readonly (string | number)[];
  constructor(path: readonly (string | number)[], message: string) {
    super(message);
    this.name = 'ClickRuleError';
    this.path = path;
  }
}

function checkedCidr(text: string, path: readonly (string | number)[]): Cidr {
  const cidr = parseCidr(text);
  if (!cidr)
    throw new ClickRuleError(path, `"${text}" is not an IPv4 or IPv6 address range such as 192.0.2.0/24.`);
  return cidr;
}

function checkedFragment(text: string, path: readonly (string | number)[]): string {
  const fragment = text.trim().toLowerCase();
  if (fragment.length < 3) {
    throw new ClickRuleError(path, `"${text}" is too short to name a user agent (at least 3 characters).`);
  }
  return fragment;
}

/**
 * Compiles the data and the extras into rules; throws ClickRuleError naming the first malformed entry.
 * @example compileClickRules(defaultScannerData, { cidrs: ['198.51.100.0/24'], earlyClickSeconds: 15 })
 */
export function compileClickRules(data: ScannerData, extras: ScannerExtras = {}): ClickRules {
  const seconds = extras.earlyClickSeconds ?? data.earlyClickSeconds;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new ClickRuleError(['earlyClickSeconds'], `${seconds} is not a number of seconds of 0 or more.`);
  }
  return {
    earlyClickSeconds: seconds,
    ranges: [
      ...data.ranges.map((range, index) => ({
        cidr: checkedCidr(range.cidr, ['ranges', index, 'cidr']),
        label: range.label,
        scope: range.appliesTo ?? 'any',
      })),
      ...(extras.cidrs ?? []).map((text, index) => ({
        cidr: checkedCidr(text, ['extraCidrs', index]),
        label: `Configured range ${text.trim()}`,
        scope: 'any' as const,
      })),
    ],
    userAgents: [
      ...data.userAgents.map((agent, index) => ({
        contains: checkedFragment(agent.contains, ['userAgents', index, 'contains']),
        label: agent.label,
        scope: agent.appliesTo ?? 'any',
      })),
      ...(extras.userAgents ?? []).map((text, index) => ({
        contains: checkedFragment(text, ['extraUserAgents', index]),
        label: `Configured user agent "${text.trim()}"`,
        scope: 'any' as const,
      })),
    ],
  };
}
