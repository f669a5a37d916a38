import { PageHeader } from '../components/page-header.tsx';

export function PhishingCampaignPage() {
  return <PageHeader title="Campaign" />;
}
