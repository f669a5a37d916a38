/**
 * Finding Enamel's tracking tokens in a reported email, whatever mail gateways did to its links on the way:
 * quoted-printable (RFC 2045 section 6.7), percent encoding, Microsoft Safe Links (`?url=<encoded>`),
 * Proofpoint URL Defense v2 (`?u=<-XX encoded>`) and v3 (`/v3/__<url>__;...`). Mimecast replaces a link by an
 * opaque code that cannot be reversed: there the open pixel or the plain-text part still carry the token.
 */

const tokenCharacters = '[A-Za-z0-9_-]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Soft line breaks and `=XX` of quoted-printable; only sequences that cannot be plain text are undone. */
function undoQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=3D/gi, '=')
    .replace(/=2F/gi, '/')
    .replace(/=3F/gi, '?');
}

/** `%XX` byte by byte (never throws on a malformed sequence, unlike decodeURIComponent). */
function undoPercent(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_all, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** Proofpoint v3 keeps the URL between `__` and `__;`; v2 writes `-XX` for `%XX` and `_` for `/`. */
function unwrapProofpoint(text: string): string {
  const v3 = text.replace(/https?:\/\/urldefense(?:\.proofpoint)?\.com\/v3\/__(.+?)__;[^\s"'<>]*/gi, ' $1 ');
  return v3.replace(
    /https?:\/\/urldefense(?:\.proofpoint)?\.com\/v2\/url\?u=([^&\s"'<>]+)[^\s"'<>]*/gi,
    (_all, encoded: string) => ` ${encoded.replace(/-([0-9A-Fa-f]{2})/g, '%$1').replace(/_/g, '/')} `,
  );
}

/** Every distinct tracking token the texts link to, in order of appearance. */
export function findTrackingTokens(texts: readonly string[], trackingUrl: string): string[] {
  const base = trackingUrl.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const pattern = new RegExp(
    `${escapeRegExp(base)}/(?:l/(${tokenCharacters}{43})(?!${tokenCharacters})|o/(${tokenCharacters}{43})\\.gif)`,
    'gi',
  );
  const found = new Set<string>();
  for (const text of texts) {
    let current = text;
    // Links can be wrapped more than once (Safe Links around Proofpoint): a few passes undo each layer.
    for (let pass = 0; pass < 3; pass += 1) {
      current = undoPercent(unwrapProofpoint(undoQuotedPrintable(current)));
      for (const match of current.matchAll(pattern)) {
        const token = match[1] ?? match[2];
        if (token) found.add(token);
      }
    }
  }
  return [...found];
}
