import { PageHeader } from '../components/page-header.tsx';
import { CampaignWizard } from '../features/phishing-campaigns/campaign-wizard.tsx';

export function PhishingCampaignNewPage() {
  return (
    <>
      <PageHeader
        title="New campaign"
        description="Choose the lures, who receives them and when. Nothing is sent before the launch time, and you can pause or cancel until the last email goes out."
      />
      <CampaignWizard />
    </>
  );
}
