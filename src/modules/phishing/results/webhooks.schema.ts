import { z } from 'zod';
import { idSchema, text } from '../../../platform/http/schemas.ts';

/** What a webhook can subscribe to (docs/phishing/results.md describes each payload). */
export const webhookEvents = ['phishing.failed', 'phishing.reported', 'phishing.sent'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HTTPS only; plain HTTP only to this machine (testing a receiver). No credentials inside the URL. */
export const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .pipe(z.url({ message: 'must be a URL such as https://hooks.example.com/enamel' }))
  .superRefine((value, context) => {
    const url = new URL(value);
    if (url.username !== '' || url.password !== '') {
      context.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
    } else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localHosts.has(url.hostname))) {
      context.addIssue({
        code: 'custom',
        message: 'must start with https:// (http:// is accepted only for localhost)',
      });
    }
  });

const eventList = z
  .array(z.enum(webhookEvents))
  .min(1, 'must name at least one event')
  .max(webhookEvents.length)
  .transform((events) => [...new Set(events)]);

export const createWebhookInput = z.strictObject({
  name: text(100),
  url: webhookUrl,
  events: eventList,
  active: z.boolean().default(true),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const updateWebhookInput = z.strictObject({
  name: text(100).optional(),
  url: webhookUrl.optional(),
  events: eventList.optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

export const webhookParams = z.strictObject({ id: idSchema });

export const webhookView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  /** Never the secret itself: it is shown once, when the webhook is created. */
  secret: z.literal('set'),
  deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
  lastError: z.string().nullable(),
  lastDeliveredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookView = z.infer<typeof webhookView>;

export const webhookList = z.object({ items: z.array(webhookView) });

export const createdWebhook = z.object({
  webhook: webhookView,
  /** The signing secret, shown this once: keep it in the receiving tool. */
  signingSecret: z.string(),
});
