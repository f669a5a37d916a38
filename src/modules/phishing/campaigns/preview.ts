import { type ResolvedTemplate, renderTemplate } from '../templates/index.ts';
import { clickUrl, pixelUrl } from '../tracking/urls.ts';
import type { EmailPreview } from './campaigns.schema.ts';

/**
 * Not a tracking token: the preview's links and pixel lead to the tracking server, which refuses this value,
 * so opening a preview never counts as the recipient's click or open.
 */
export const previewToken = 'preview';

/** A template filled for one recipient, as it would be sent, with links that record nothing. */
export function renderPreview(
  template: ResolvedTemplate,
  recipient: { firstName: string; lastName: string; email: string; practiceName: string | null },
  trackingUrl: string,
): EmailPreview {
  const rendered = renderTemplate(template, {
    firstName: recipient.firstName,
    lastName: recipient.lastName,
    email: recipient.email,
    practiceName: recipient.practiceName ?? '',
    clickUrl: clickUrl(trackingUrl, previewToken),
    pixelUrl: pixelUrl(trackingUrl, previewToken),
  });
  return {
    templateId: template.id,
    templateName: template.name,
    recipientEmail: recipient.email,
    senderName: rendered.senderName,
    senderAddress: rendered.senderAddress,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
  };
}
