import { cidrContains, parseAddress } from './cidr.ts';
import type { ClickRules } from './rules.ts';

/**
 * Why a request counts as a person's or as automated: `person`; a known scanner's address or user agent;
 * no user agent at all; or a click so soon after delivery that only a confirmed page load makes it a person's.
 */
export type ClickReason =
  | 'person'
  | 'scanner-address'
  | 'scanner-user-agent'
  | 'no-user-agent'
  | 'early-unconfirmed';

export interface Classification {
  readonly automated: boolean;
  readonly reason: ClickReason;
  /** The rule that matched (a vendor, a configured range), when one did. */
  readonly rule: string | null;
}

/** What a request is: an open (image), a click (link) or a submission (form). */
export type RequestKind = 'open' | 'click' | 'submit';

export interface SourceInput {
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly kind: RequestKind;
  readonly rules: ClickRules;
}

/**
 * Judges where a request came from: a scanner's address range or user agent, or no user agent, is automated.
 * @example classifySource({ ip: '40.92.1.1', userAgent: 'Mozilla/5.0', kind: 'open', rules })
 *   // { automated: true, reason: 'scanner-address', rule: 'Microsoft Defender ...' }
 */
export function classifySource(input: SourceInput): Classification {
  const applies = (scope: 'any' | 'click') => scope === 'any' || input.kind !== 'open';
  const address = input.ip ? parseAddress(input.ip) : undefined;
  if (address) {
    const range = input.rules.ranges.find(
      (entry) => applies(entry.scope) && cidrContains(entry.cidr, address),
    );
    if (range) return { automated: true, reason: 'scanner-address', rule: range.label };
  }
  const agent = (input.userAgent ?? '').trim().toLowerCase();
  if (agent === '') return { automated: true, reason: 'no-user-agent', rule: null };
  const match = input.rules.userAgents.find(
    (entry) => applies(entry.scope) && agent.includes(entry.contains),
  );
  if (match) return { automated: true, reason: 'scanner-user-agent', rule: match.label };
  return { automated: false, reason: 'person', rule: null };
}

export interface ClickInput {
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** When the message was delivered (ISO); null when the sender has not recorded it yet (earliest possible). */
  readonly sentAt: string | null;
  readonly clickedAt: string;
  /** The landing page's script confirmed the load (a real browser that ran it). */
  readonly confirmedByScript: boolean;
  readonly rules: ClickRules;
}

/**
 * Judges a click: a scanner's address or user agent is automated whatever else happens (a detonating
 * sandbox may run scripts too); otherwise a click within `earlyClickSeconds` of delivery is automated unless
 * the landing page's script confirmed it.
 * @example classifyClick({ ip: '203.0.113.9', userAgent: 'Mozilla/5.0 ...', sentAt: '2026-11-02T15:00:00Z',
 *   clickedAt: '2026-11-02T15:00:03Z', confirmedByScript: false, rules })
 *   // { automated: true, reason: 'early-unconfirmed', rule: null }
 */
export function classifyClick(input: ClickInput): Classification {
  const source = classifySource({
    ip: input.ip,
    userAgent: input.userAgent,
    kind: 'click',
    rules: input.rules,
  });
  if (source.automated || input.confirmedByScript) return source;
  if (isEarly(input.sentAt, input.clickedAt, input.rules.earlyClickSeconds)) {
    return { automated: true, reason: 'early-unconfirmed', rule: null };
  }
  return source;
}

/** Whether the click came within the window after delivery (or before delivery was even recorded). */
export function isEarly(sentAt: string | null, clickedAt: string, windowSeconds: number): boolean {
  if (sentAt === null) return true;
  const sent = Date.parse(sentAt);
  const clicked = Date.parse(clickedAt);
  if (Number.isNaN(sent) || Number.isNaN(clicked)) return true;
  return clicked - sent <= windowSeconds * 1000;
}
