import { PageHeader } from '../components/page-header.tsx';

export function CompliancePage() {
  return <PageHeader title="Risk analysis" />;
}
