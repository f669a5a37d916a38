import type { ScannerData } from './rules.ts';

/**
 * EDITABLE DEFAULTS: address ranges and user-agent fragments of mail-security services that open links and
 * images in delivered mail before (or instead of) the person. Compiled from the vendors' published allow-list
 * pages (each entry's `source`); vendors change them, so review this file against those pages when a vendor
 * announces a change, and add your own gateway through the configuration (extra CIDRs and user agents) rather
 * than editing here when the range is specific to one DSO.
 *
 * `appliesTo: 'click'` marks ranges that also carry people's own traffic for images (Gmail fetches images
 * through Google's proxy when the person opens the message), so an open from them still counts as an open.
 */
export const defaultScannerData: ScannerData = {
  earlyClickSeconds: 10,
  ranges: [
    // Microsoft 365 Exchange Online Protection and Defender for Office 365 (Safe Links), endpoint set ID 10.
    ...[
      '40.92.0.0/15',
      '40.107.0.0/16',
      '52.100.0.0/14',
      '104.47.0.0/17',
      '2a01:111:f400::/48',
      '2a01:111:f403::/48',
    ].map((cidr) => ({
      cidr,
      label: 'Microsoft Defender for Office 365 / Exchange Online Protection',
      source: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges',
      effectiveDate: '2026-11-01',
    })),
    // Proofpoint hosted (pphosted.com) and Proofpoint Essentials.
    ...['67.231.144.0/20', '148.163.128.0/19'].map((cidr) => ({
      cidr,
      label: 'Proofpoint',
      source: 'https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics',
      effectiveDate: '2026-11-01',
    })),
    // Mimecast, United States, United Kingdom and Europe grids.
    ...[
      '205.139.110.0/24',
      '207.211.30.0/24',
      '170.10.128.0/24',
      '170.10.129.0/24',
      '170.10.133.0/24',
      '216.205.24.0/24',
      '63.128.21.0/24',
      '195.130.217.0/24',
      '91.220.42.0/24',
      '146.101.78.0/24',
      '185.58.84.0/22',
    ].map((cidr) => ({
      cidr,
      label: 'Mimecast',
      source: 'https://mimecastsupport.zendesk.com/hc/en-us/articles/34000659090707',
      effectiveDate: '2026-11-01',
    })),
    // Barracuda Email Security Service.
    ...['64.235.144.0/20', '209.222.80.0/21'].map((cidr) => ({
      cidr,
      label: 'Barracuda Email Protection',
      source: 'https://campus.barracuda.com/product/emailsecurityservice/doc/3211272/',
      effectiveDate: '2026-11-01',
    })),
    // Cisco Secure Email Cloud Gateway (IronPort, iphmx.com).
    {
      cidr: '68.232.128.0/19',
      label: 'Cisco Secure Email (IronPort)',
      source: 'https://www.cisco.com/c/en/us/support/security/email-security-appliance/series.html',
      effectiveDate: '2026-11-01',
    },
    // Broadcom (Symantec) Email Security.cloud.
    ...[
      '216.82.240.0/20',
      '67.219.240.0/20',
      '85.158.136.0/21',
      '193.109.254.0/23',
      '194.106.220.0/23',
      '195.245.230.0/23',
      '117.120.16.0/21',
      '103.9.96.0/22',
    ].map((cidr) => ({
      cidr,
      label: 'Symantec Email Security.cloud',
      source: 'https://knowledge.broadcom.com/external/article/175725',
      effectiveDate: '2026-11-01',
    })),
    // Google Workspace mail servers and link scanning (also Gmail's image proxy: opens still count).
    ...[
      '66.102.0.0/20',
      '66.249.80.0/20',
      '72.14.192.0/18',
      '74.125.0.0/16',
      '209.85.128.0/17',
      '2001:4860:4000::/36',
      '2404:6800:4000::/36',
      '2607:f8b0:4000::/36',
      '2800:3f0:4000::/36',
      '2a00:1450:4000::/36',
      '2c0f:fb50:4000::/36',
    ].map((cidr) => ({
      cidr,
      label: 'Google Workspace',
      source: 'https://support.google.com/a/answer/10026322 (_spf.google.com netblocks)',
      effectiveDate: '2026-11-01',
      appliesTo: 'click' as const,
    })),
  ],
  userAgents: [
    ...[
      'headlesschrome',
      'phantomjs',
      'electron/',
      'puppeteer',
      'playwright',
      'selenium',
      'python-requests',
      'python-urllib',
      'aiohttp',
      'go-http-client',
      'curl/',
      'wget/',
      'libwww-perl',
      'java/',
      'apache-httpclient',
      'okhttp',
      'axios/',
      'node-fetch',
      'undici',
      'scrapy',
    ].map((contains) => ({
      contains,
      label: 'Automated or headless client',
      source: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/User-Agent',
      effectiveDate: '2026-11-01',
    })),
    ...[
      ['ms-office', 'Microsoft Office link check'],
      ['microsoft office existence discovery', 'Microsoft Office link check'],
      ['bingpreview', 'Microsoft link preview'],
      ['skypeuripreview', 'Microsoft link preview'],
      ['barracuda', 'Barracuda Email Protection'],
      ['proofpoint', 'Proofpoint'],
      ['mimecast', 'Mimecast'],
      ['ironport', 'Cisco Secure Email (IronPort)'],
      ['slackbot', 'Chat link preview'],
      ['facebookexternalhit', 'Chat link preview'],
      ['whatsapp/', 'Chat link preview'],
      ['linkedinbot', 'Chat link preview'],
      ['twitterbot', 'Chat link preview'],
      ['googlebot', 'Google crawler'],
    ].map(([contains, label]) => ({
      contains: contains as string,
      label: label as string,
      source: 'Vendor and crawler documentation; user agents observed at simulation links',
      effectiveDate: '2026-11-01',
    })),
  ],
};
