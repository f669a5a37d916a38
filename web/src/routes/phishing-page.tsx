import { PageHeader } from '../components/page-header.tsx';

export function PhishingPage() {
  return <PageHeader title="Phishing simulations" />;
}
