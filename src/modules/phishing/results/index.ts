/** What other areas use of results: the metrics, the compliance signal and the webhook outbox. */
export { campaignResults, percent, statsOf } from './results.service.ts';
export { publishPhishingSignals, signalWindowDays } from './signals.service.ts';
export {
  type RunSummary,
  signatureOf,
  startWebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookPayload,
  webhookEventTypes,
} from './webhook-dispatcher.ts';
export { webhookEvents } from './webhooks.schema.ts';
