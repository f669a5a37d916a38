import { PageHeader } from '../components/page-header.tsx';

export function PhishingTemplatesPage() {
  return <PageHeader title="Phishing templates" />;
}
