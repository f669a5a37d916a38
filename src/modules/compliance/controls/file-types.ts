/** Evidence file types Enamel accepts, each checked by extension AND by content (magic bytes). */
export interface EvidenceFileType {
  readonly label: string;
  readonly extensions: readonly string[];
  readonly mediaType: string;
  readonly matches: (bytes: Buffer) => boolean;
}

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

const zip = [0x50, 0x4b, 0x03, 0x04];

/** An Office Open XML package: a zip whose entry names (stored uncompressed in the headers) include the part. */
function officePackage(bytes: Buffer, part: string): boolean {
  return startsWith(bytes, zip) && bytes.includes('[Content_Types].xml') && bytes.includes(part);
}

/** Plain text: valid UTF-8, no NUL bytes, and not a web page or script in disguise. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64 * 1024));
  if (text.includes('\uFFFD')) return false;
  const head = text.trimStart().slice(0, 512).toLowerCase();
  return !/^<(!doctype|html|head|body|script|svg|\?xml)/.test(head);
}

/** An RFC 5322 message: text that opens with header fields. */
function isEmail(bytes: Buffer): boolean {
  return isPlainText(bytes) && /^[A-Za-z][A-Za-z0-9-]*:[ \t]/.test(bytes.subarray(0, 256).toString('utf8'));
}

export const evidenceFileTypes: readonly EvidenceFileType[] = [
  {
    label: 'PDF',
    extensions: ['pdf'],
    mediaType: 'application/pdf',
    matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  {
    label: 'PNG',
    extensions: ['png'],
    mediaType: 'image/png',
    matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    label: 'JPEG',
    extensions: ['jpg', 'jpeg'],
    mediaType: 'image/jpeg',
    matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    label: 'Word document',
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    matches: (b) => officePackage(b, 'word/'),
  },
  {
    label: 'Excel workbook',
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    matches: (b) => officePackage(b, 'xl/'),
  },
  { label: 'CSV', extensions: ['csv'], mediaType: 'text/csv; charset=utf-8', matches: isPlainText },
  { label: 'text', extensions: ['txt'], mediaType: 'text/plain; charset=utf-8', matches: isPlainText },
  { label: 'email', extensions: ['eml'], mediaType: 'message/rfc822', matches: isEmail },
  {
    label: 'Outlook message',
    extensions: ['msg'],
    mediaType: 'application/vnd.ms-outlook',
    // OLE compound file header.
    matches: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  },
];

export const acceptedExtensions = evidenceFileTypes.flatMap((t) => t.extensions);

/** The accepted type of a file, or undefined when its extension or its content is not an accepted type. */
export function detectEvidenceType(fileName: string, bytes: Buffer): EvidenceFileType | undefined {
  const extension = fileName.includes('.') ? fileName.split('.').pop()?.toLowerCase() : undefined;
  const type = evidenceFileTypes.find((t) => extension !== undefined && t.extensions.includes(extension));
  return type?.matches(bytes) ? type : undefined;
}
