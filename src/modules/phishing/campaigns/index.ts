/** What other phishing areas may use of campaigns. */
export type { CampaignStatus, CampaignView, MessageCounts, MessageState } from './campaigns.schema.ts';
export { campaignStatuses, messageStates } from './campaigns.schema.ts';
export { getCampaign } from './campaigns.service.ts';
