import PostalMime, { type Address, type Attachment } from 'postal-mime';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './render.ts';
import { sanitizeTemplateHtml } from './sanitize.ts';

/** What a raw message becomes: a draft whose every link is the tracked `{{link}}`. */
export interface EmlDraft {
  readonly subject: string;
  readonly senderName: string;
  readonly senderAddress: string;
  readonly html: string;
  readonly text: string;
}

/** Inline images up to this size are kept as data: URLs; larger ones are dropped from the draft. */
const maxInlineImage = 300 * 1024;

function firstMailbox(address: Address | undefined): { name: string; address: string } | undefined {
  if (!address) return undefined;
  if (address.address !== undefined) return { name: address.name, address: address.address };
  return address.group[0];
}

/**
 * `{{` in a real message is text, not one of our variables: a space breaks it so it is never read as one
 * (an entity would not survive, since sanitising decodes it).
 */
function neutraliseBraces(text: string): string {
  return text.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
}

function dataUrlOf(attachment: Attachment): string | undefined {
  if (!attachment.mimeType.startsWith('image/')) return undefined;
  const bytes =
    typeof attachment.content === 'string'
      ? Buffer.from(attachment.content, attachment.encoding === 'base64' ? 'base64' : 'utf8')
      : Buffer.from(attachment.content as ArrayBuffer);
  if (bytes.length > maxInlineImage) return undefined;
  return `data:${attachment.mimeType};base64,${bytes.toString('base64')}`;
}

/** Every link becomes `{{link}}` (a real lure's links must never survive), `cid:` images become data: URLs. */
function relink(html: string, attachments: readonly Attachment[]): string {
  const inline = new Map<string, string>();
  for (const attachment of attachments) {
    const id = attachment.contentId?.replace(/^<|>$/g, '');
    const url = id ? dataUrlOf(attachment) : undefined;
    if (id && url) inline.set(`cid:${id}`, url);
  }
  return sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      a: (tagName, attribs) =>
        attribs.href === undefined
          ? { tagName, attribs }
          : { tagName, attribs: { ...attribs, href: '{{link}}' } },
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        return { tagName, attribs: { ...attribs, src: inline.get(src) ?? src } };
      },
    },
  });
}

function textToHtml(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br />')}</p>`)
    .join('\n');
  return `<html><body style='font-family:Arial,Helvetica,sans-serif;font-size:14px'>\n${paragraphs}\n</body></html>`;
}

const urlPattern = /\bhttps?:\/\/[^\s<>"')\]]+/gi;

/** The recipient's own address, replaced by `{{email}}` so the draft addresses whoever receives it. */
function recipientOf(to: readonly Address[] | undefined): string | undefined {
  return firstMailbox(to?.[0])?.address;
}

function replaceAll(text: string, needle: string | undefined, replacement: string): string {
  return needle ? text.split(needle).join(replacement) : text;
}

/** Parses a raw RFC 5322 message (RFC 2045 MIME parts) into a template draft. */
export async function draftFromEml(raw: Buffer): Promise<EmlDraft | undefined> {
  const email = await PostalMime.parse(raw);
  const from = firstMailbox(email.from);
  const hasBody = (email.html ?? '').trim() !== '' || (email.text ?? '').trim() !== '';
  if (!from && !email.subject && !hasBody) return undefined;
  const recipient = recipientOf(email.to);
  const rawText = neutraliseBraces(email.text ?? '');
  const sourceHtml =
    email.html && email.html.trim() !== '' ? neutraliseBraces(email.html) : textToHtml(rawText);
  const html = replaceAll(
    sanitizeTemplateHtml(relink(sourceHtml, email.attachments)),
    recipient,
    '{{email}}',
  );
  const text = replaceAll(rawText.replace(urlPattern, '{{link}}'), recipient, '{{email}}').trim();
  return {
    subject: (email.subject ?? '').trim().slice(0, 200) || '(no subject)',
    senderName: (from?.name ?? '').trim().slice(0, 120) || (from?.address ?? 'Unknown sender'),
    senderAddress: (from?.address ?? '').slice(0, 200) || 'sender@example.com',
    html,
    text,
  };
}
