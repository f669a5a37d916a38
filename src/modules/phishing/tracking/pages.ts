import { createHash } from 'node:crypto';

/** The 1x1 transparent GIF every open answers with, whoever asks. */
export const pixelGif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The one answer to every unknown or malformed token: it says nothing about who sent the link. */
export const notFoundPage =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>' +
  '<body><p>This page is not available.</p></body></html>';

/** The answer when an event could not be recorded (the database is unreachable): nothing more specific. */
export const unavailablePage =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Unavailable</title></head>' +
  '<body><p>This page is not available right now. Please try again later.</p></body></html>';

export const robotsTxt = 'User-agent: *\nDisallow: /\n';

/**
 * The page's only script: after the page has loaded in a real browser, it tells the server (POST .../c) that
 * a person's browser ran it, which confirms a click that came very soon after delivery. Pages work without it.
 */
export const confirmScript =
  "addEventListener('load',function(){var p=location.pathname.replace(/\\/+$/,'');" +
  "fetch(p+'/c',{method:'POST',credentials:'omit',keepalive:true}).catch(function(){});});";

const scriptHash = `sha256-${createHash('sha256').update(confirmScript).digest('base64')}`;

/** Only the confirmation script runs; no framing, no third-party requests, forms post back here only. */
export const landingPageCsp = [
  "default-src 'none'",
  `script-src '${scriptHash}'`,
  "connect-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers of every tracking answer: never cached, never indexed, no referrer to wherever a page links. */
export const trackingHeaders: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export const pageHeaders: Readonly<Record<string, string>> = {
  ...trackingHeaders,
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': landingPageCsp,
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export const pixelHeaders: Readonly<Record<string, string>> = {
  ...trackingHeaders,
  'content-type': 'image/gif',
  // Webmail shows the image from its own origin.
  'cross-origin-resource-policy': 'cross-origin',
};

/** Inserts the confirmation script before the last `</body>`, or at the end. */
export function withConfirmScript(html: string): string {
  const tag = `<script>${confirmScript}</script>`;
  const index = html.toLowerCase().lastIndexOf('</body>');
  return index === -1 ? `${html}${tag}` : `${html.slice(0, index)}${tag}${html.slice(index)}`;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Fills `{{first_name}}` with the recipient's first name, HTML-escaped. */
export function fillFirstName(html: string, firstName: string): string {
  const escaped = firstName.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
  return html.replace(/\{\{\s*first_name\s*\}\}/g, () => escaped);
}
