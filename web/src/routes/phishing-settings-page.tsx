import { PageHeader } from '../components/page-header.tsx';

export function PhishingSettingsPage() {
  return <PageHeader title="Report mailbox and webhooks" />;
}
