import { PageHeader } from '../components/page-header.tsx';

export function PhishingCampaignNewPage() {
  return <PageHeader title="New campaign" />;
}
