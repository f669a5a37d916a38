import { createHash, randomBytes } from 'node:crypto';
import type { MailMessage } from '../../../platform/mail/index.ts';

/** A fresh acknowledgement token (256 bits, base64url); only its SHA-256 is stored. */
export function newAttestationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashAttestationToken(token) };
}

export function hashAttestationToken(token: string): string {
  return createHash('sha256').update(token.trim()).digest('hex');
}

/** The link goes in the fragment, so the token never reaches a server's access log. */
export function acknowledgeLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/acknowledge#token=${token}`;
}

export interface AttestationMailContext {
  readonly dsoName: string;
  readonly campaignTitle: string;
  readonly dueDate: string;
  readonly policies: readonly { title: string; version: number }[];
}

export function attestationMessage(
  kind: 'invitation' | 'reminder',
  context: AttestationMailContext,
  person: { firstName: string; email: string },
  link: string,
  today: string,
): MailMessage {
  const overdue = context.dueDate < today;
  const subject =
    kind === 'invitation'
      ? `Please read and acknowledge: ${context.campaignTitle}`
      : `${overdue ? 'Overdue' : 'Reminder'}: please acknowledge ${context.campaignTitle}`;
  const due = overdue
    ? `This was due on ${context.dueDate}. Please do it today.`
    : `Please do this by ${context.dueDate}.`;
  const text = [
    `Hello ${person.firstName},`,
    '',
    `${context.dsoName} asks you to read these policies and confirm that you will follow them:`,
    '',
    ...context.policies.map((policy) => `- ${policy.title} (version ${policy.version})`),
    '',
    due,
    '',
    'Open this link to read them and acknowledge (it works on a phone):',
    link,
    '',
    kind === 'reminder'
      ? 'This link replaces the one in earlier emails. It is personal: please do not forward it.'
      : 'The link is personal: please do not forward it.',
    '',
    `${context.dsoName} security and compliance`,
  ].join('\n');
  return { to: person.email, subject, text };
}
