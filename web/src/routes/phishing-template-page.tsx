import { PageHeader } from '../components/page-header.tsx';

export function PhishingTemplatePage() {
  return <PageHeader title="Template" />;
}
