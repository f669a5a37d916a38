import MsgReaderModule from '@kenjiuno/msgreader';
import PostalMime, { type Address, type Attachment, type Email, type Mailbox } from 'postal-mime';

type MsgReaderClass = typeof MsgReaderModule.default;
// The package is CommonJS compiled from ES modules: under Node's ESM its class is `default` of the default
// export; bundlers that unwrap it hand the class over directly.
const MsgReader: MsgReaderClass =
  (MsgReaderModule as unknown as { default?: MsgReaderClass }).default ??
  (MsgReaderModule as unknown as MsgReaderClass);

/** How the reported message reached Enamel. */
export type ReportShape = 'attached-eml' | 'attached-msg' | 'inline-forward' | 'direct';

/** What the person said with Microsoft's report format (subject prefix `1|`/`Junk:`, `2|`/`Not junk:`, `3|`/`Phishing:`). */
export type ReportVerdict = 'junk' | 'not_junk' | 'phishing';

/** Facts read from a report; nothing in it is executed or rendered. */
export interface ParsedReport {
  readonly shape: ReportShape;
  readonly verdict: ReportVerdict | null;
  /** The person who reported: the sender of the report when the reported message is attached or forwarded. */
  readonly reporterEmail: string | null;
  /** Subject and sender of the reported message itself. */
  readonly subject: string | null;
  readonly fromAddress: string | null;
  /** Addresses the reported message was sent to. */
  readonly recipients: readonly string[];
  /** Every text in which a tracking link may appear. */
  readonly texts: readonly string[];
}

const parseOptions = { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' } as const;

function mailboxes(addresses: readonly Address[] | Address | undefined): string[] {
  if (addresses === undefined) return [];
  const list: readonly Address[] = Array.isArray(addresses) ? addresses : [addresses as Address];
  return list.flatMap((address) =>
    address.group ? address.group.map((member: Mailbox) => member.address) : [address.address ?? ''],
  );
}

function firstMailbox(address: Address | undefined): string | null {
  return (
    mailboxes(address)
      .find((value) => value.includes('@'))
      ?.toLowerCase() ?? null
  );
}

function bytesOf(attachment: Attachment): Buffer {
  const { content } = attachment;
  if (typeof content === 'string')
    return Buffer.from(content, attachment.encoding === 'base64' ? 'base64' : 'utf8');
  return Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content);
}

function isEml(attachment: Attachment): boolean {
  return attachment.mimeType === 'message/rfc822' || /\.eml$/i.test(attachment.filename ?? '');
}

function isMsg(attachment: Attachment): boolean {
  return attachment.mimeType === 'application/vnd.ms-outlook' || /\.msg$/i.test(attachment.filename ?? '');
}

/** An Outlook .msg starts with the Compound File signature (MS-CFB section 2.2). */
export function isOutlookMsg(raw: Buffer): boolean {
  return raw.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

const verdictPrefixes: readonly [RegExp, ReportVerdict][] = [
  [/^\s*1\|/, 'junk'],
  [/^\s*2\|/, 'not_junk'],
  [/^\s*3\|/, 'phishing'],
  [/^\s*not junk:/i, 'not_junk'],
  [/^\s*junk:/i, 'junk'],
  [/^\s*phishing:/i, 'phishing'],
];

export function verdictOf(subject: string | undefined): ReportVerdict | null {
  if (subject === undefined) return null;
  return verdictPrefixes.find(([pattern]) => pattern.test(subject))?.[1] ?? null;
}

interface MessageFacts {
  readonly subject: string | null;
  readonly fromAddress: string | null;
  readonly recipients: string[];
  readonly texts: string[];
}

function emailFacts(email: Email, raw: Buffer): MessageFacts {
  const recipients = [...mailboxes(email.to), ...mailboxes(email.cc), email.deliveredTo ?? '']
    .map((value) => value.toLowerCase())
    .filter((value) => value.includes('@'));
  return {
    subject: email.subject ?? null,
    fromAddress: firstMailbox(email.from),
    recipients,
    texts: [raw.toString('latin1'), email.text ?? '', email.html ?? ''],
  };
}

/** An Outlook .msg, read for its subject, sender, recipients, bodies and transport headers. */
export function msgFacts(raw: Buffer): MessageFacts {
  const reader = new MsgReader(new Uint8Array(raw).buffer);
  const data = reader.getFileData();
  const html = data.bodyHtml ?? (data.html ? Buffer.from(data.html).toString('utf8') : '');
  const recipients = (data.recipients ?? [])
    .map((recipient: { smtpAddress?: string; email?: string }) =>
      (recipient.smtpAddress ?? recipient.email ?? '').toLowerCase(),
    )
    .filter((value: string) => value.includes('@'));
  return {
    subject: data.subject ?? null,
    fromAddress: (data.senderSmtpAddress ?? data.senderEmail ?? '').toLowerCase() || null,
    recipients,
    texts: [data.body ?? '', html, data.headers ?? ''],
  };
}

const forwardMarkers = [
  /-{5,} ?Forwarded message ?-{5,}/i,
  /-{3,} ?Original Message ?-{3,}/i,
  /Begin forwarded message:/i,
];

/** The header block of a message forwarded inline: "From: ..." and "Subject: ..." after the marker. */
function inlineForward(text: string): { subject: string | null; fromAddress: string | null } | undefined {
  const marker = forwardMarkers.map((pattern) => pattern.exec(text)).find((match) => match !== null);
  if (!marker) return undefined;
  const block = text.slice(marker.index, marker.index + 2000);
  const from = /^\s*From:\s*(.+)$/im.exec(block)?.[1] ?? '';
  const address = /[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0]?.toLowerCase() ?? null;
  const subject = /^\s*Subject:\s*(.+)$/im.exec(block)?.[1]?.trim() ?? null;
  return { subject, fromAddress: address };
}

async function parseEml(raw: Buffer): Promise<Email> {
  return PostalMime.parse(raw, parseOptions);
}

function stripForwardPrefix(subject: string | null): string | null {
  return subject === null ? null : subject.replace(/^\s*((fwd?|fw):\s*)+/i, '').trim();
}

/**
 * Reads a report: the original attached as .eml or .msg (Microsoft's report format), forwarded inline, or the
 * report is the message itself. Throws when the bytes are not an email at all.
 */
export async function parseReport(raw: Buffer): Promise<ParsedReport> {
  if (isOutlookMsg(raw)) {
    const facts = msgFacts(raw);
    return { shape: 'direct', verdict: null, reporterEmail: null, ...facts };
  }
  const outer = await parseEml(raw);
  const own = emailFacts(outer, raw);
  const reporter = firstMailbox(outer.from);
  const verdict = verdictOf(outer.subject);
  const attached = outer.attachments.find((attachment) => isEml(attachment) || isMsg(attachment));
  if (attached) {
    const bytes = bytesOf(attached);
    const asMsg = isMsg(attached) || isOutlookMsg(bytes);
    const inner = asMsg ? msgFacts(bytes) : emailFacts(await parseEml(bytes), bytes);
    return {
      shape: asMsg ? 'attached-msg' : 'attached-eml',
      verdict,
      reporterEmail: reporter,
      subject: inner.subject,
      fromAddress: inner.fromAddress,
      recipients: inner.recipients,
      texts: [...inner.texts, ...own.texts],
    };
  }
  const forwarded = inlineForward(outer.text ?? '');
  if (forwarded) {
    return {
      shape: 'inline-forward',
      verdict,
      reporterEmail: reporter,
      subject: forwarded.subject ?? stripForwardPrefix(own.subject),
      fromAddress: forwarded.fromAddress,
      // The forwarder's own mailbox received the original.
      recipients: reporter ? [reporter] : [],
      texts: own.texts,
    };
  }
  return { shape: 'direct', verdict, reporterEmail: null, ...own };
}
