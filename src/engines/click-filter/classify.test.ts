import { describe, expect, it } from 'vitest';
import { classifyClick, classifySource } from './classify.ts';
import { ClickRuleError, compileClickRules } from './rules.ts';
import { defaultScannerData } from './scanner-defaults.ts';

const rules = compileClickRules(defaultScannerData, {
  cidrs: ['198.51.100.0/24', '2001:db8:beef::/48'],
  userAgents: ['AcmeLinkGuard'],
});
const browser =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const sentAt = '2026-11-02T15:00:00.000Z';
const later = '2026-11-02T15:05:00.000Z';

function click(overrides: Partial<Parameters<typeof classifyClick>[0]>) {
  return classifyClick({
    ip: '203.0.113.9',
    userAgent: browser,
    sentAt,
    clickedAt: later,
    confirmedByScript: false,
    rules,
    ...overrides,
  });
}

describe('classifyClick', () => {
  it('a browser clicking minutes after delivery is a person', () => {
    expect(click({})).toEqual({ automated: false, reason: 'person', rule: null });
  });

  it.each([
    ['Microsoft (IPv4)', '40.107.22.5', 'Microsoft Defender for Office 365 / Exchange Online Protection'],
    [
      'Microsoft (IPv6)',
      '2a01:111:f403:c000::12',
      'Microsoft Defender for Office 365 / Exchange Online Protection',
    ],
    ['Mimecast', '205.139.110.61', 'Mimecast'],
    ['Proofpoint', '148.163.150.3', 'Proofpoint'],
    ['Barracuda', '209.222.82.10', 'Barracuda Email Protection'],
    ['Cisco', '68.232.140.7', 'Cisco Secure Email (IronPort)'],
    ['Google (IPv6)', '2607:f8b0:4864:20::42a', 'Google Workspace'],
    ['a configured range', '198.51.100.200', 'Configured range 198.51.100.0/24'],
    ['a configured IPv6 range', '2001:db8:beef:1::5', 'Configured range 2001:db8:beef::/48'],
    [
      'an IPv4-mapped address',
      '::ffff:40.92.5.5',
      'Microsoft Defender for Office 365 / Exchange Online Protection',
    ],
  ])('a click from %s is automated', (_name, ip, rule) => {
    expect(click({ ip })).toEqual({ automated: true, reason: 'scanner-address', rule });
  });

  it('a scanner stays automated even when its sandbox runs the page script', () => {
    expect(click({ ip: '40.92.0.1', confirmedByScript: true }).automated).toBe(true);
    expect(click({ userAgent: 'Mozilla/5.0 HeadlessChrome/120.0', confirmedByScript: true }).reason).toBe(
      'scanner-user-agent',
    );
  });

  it.each([
    ['python-requests/2.31.0', 'Automated or headless client'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/119.0.0.0 Safari/537.36',
      'Automated or headless client',
    ],
    ['Microsoft Office Existence Discovery', 'Microsoft Office link check'],
    ['Mozilla/5.0 (compatible; AcmeLinkGuard/2.0)', 'Configured user agent "AcmeLinkGuard"'],
  ])('user agent %j is automated', (userAgent, rule) => {
    expect(click({ userAgent })).toEqual({ automated: true, reason: 'scanner-user-agent', rule });
  });

  it('no user agent is automated', () => {
    expect(click({ userAgent: null }).reason).toBe('no-user-agent');
    expect(click({ userAgent: '  ' }).reason).toBe('no-user-agent');
  });

  it('a click within the window is automated until the page script confirms it', () => {
    expect(click({ clickedAt: '2026-11-02T15:00:04.000Z' })).toEqual({
      automated: true,
      reason: 'early-unconfirmed',
      rule: null,
    });
    expect(click({ clickedAt: '2026-11-02T15:00:10.000Z' }).reason).toBe('early-unconfirmed');
    expect(click({ clickedAt: '2026-11-02T15:00:10.001Z' }).reason).toBe('person');
    expect(click({ clickedAt: '2026-11-02T15:00:04.000Z', confirmedByScript: true }).reason).toBe('person');
  });

  it('a click before delivery is recorded counts as early', () => {
    expect(click({ sentAt: null }).reason).toBe('early-unconfirmed');
    expect(click({ sentAt: null, confirmedByScript: true }).reason).toBe('person');
  });

  it('the window is configurable', () => {
    const patient = compileClickRules(defaultScannerData, { earlyClickSeconds: 60 });
    expect(click({ rules: patient, clickedAt: '2026-11-02T15:00:45.000Z' }).automated).toBe(true);
    const none = compileClickRules(defaultScannerData, { earlyClickSeconds: 0 });
    expect(click({ rules: none, clickedAt: '2026-11-02T15:00:01.000Z' }).automated).toBe(false);
  });
});

describe('classifySource', () => {
  it("opens through Google's image proxy still count as opens; clicks from Google do not", () => {
    const ip = '66.249.84.10';
    expect(classifySource({ ip, userAgent: browser, kind: 'open', rules }).automated).toBe(false);
    expect(classifySource({ ip, userAgent: browser, kind: 'click', rules }).automated).toBe(true);
    expect(classifySource({ ip: '40.92.1.1', userAgent: browser, kind: 'open', rules }).automated).toBe(true);
  });
});

describe('compileClickRules', () => {
  it('names the malformed entry', () => {
    const attempt = () => compileClickRules(defaultScannerData, { cidrs: ['10.0.0.0/8', '10.0.0/8'] });
    expect(attempt).toThrow(ClickRuleError);
    expect(attempt).toThrow('"10.0.0/8" is not an IPv4 or IPv6 address range such as 192.0.2.0/24.');
    try {
      attempt();
    } catch (error) {
      expect((error as ClickRuleError).path).toEqual(['extraCidrs', 1]);
    }
    expect(() => compileClickRules(defaultScannerData, { userAgents: ['x'] })).toThrow('too short');
    expect(() => compileClickRules(defaultScannerData, { earlyClickSeconds: -1 })).toThrow('seconds');
  });

  it('every default entry compiles and says where it comes from', () => {
    for (const entry of [...defaultScannerData.ranges, ...defaultScannerData.userAgents]) {
      expect(entry.source.length).toBeGreaterThan(5);
      expect(entry.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(rules.ranges.length).toBe(defaultScannerData.ranges.length + 2);
  });
});
