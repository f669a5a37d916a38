import { burn } from '@kenjiuno/msgreader/lib/Burner.js';

/** Property streams of an Outlook .msg (MS-OXMSG section 2.1.3): `__substg1.0_<id><type>`, UTF-16LE strings. */
const stringProperties = {
  subject: '0037',
  body: '1000',
  senderEmail: '0C1F',
  senderSmtpAddress: '5D01',
  headers: '007D',
} as const;

/** A minimal Outlook .msg (a Compound File) with the given subject, sender, plain and HTML bodies. */
export function buildOutlookMsg(fields: {
  subject: string;
  senderSmtpAddress: string;
  body: string;
  html?: string;
}): Buffer {
  const documents: { name: string; bytes: Uint8Array }[] = [];
  for (const [key, id] of Object.entries(stringProperties)) {
    const value = (fields as Record<string, string | undefined>)[key];
    if (value !== undefined)
      documents.push({ name: `__substg1.0_${id}001F`, bytes: new Uint8Array(Buffer.from(value, 'utf16le')) });
  }
  if (fields.html !== undefined) {
    documents.push({ name: '__substg1.0_10130102', bytes: new Uint8Array(Buffer.from(fields.html, 'utf8')) });
  }
  // The fixed 32-byte header of a top-level message's property stream, with no fixed-length properties.
  documents.push({ name: '__properties_version1.0', bytes: new Uint8Array(32) });
  const entries = [
    { name: 'Root Entry', type: 5, length: 0, children: documents.map((_d, index) => index + 1) },
    ...documents.map((document) => ({
      name: document.name,
      type: 2,
      length: document.bytes.length,
      binaryProvider: () => document.bytes,
    })),
  ];
  return Buffer.from(burn(entries));
}
