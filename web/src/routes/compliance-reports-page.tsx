import { PageHeader } from '../components/page-header.tsx';

export function ComplianceReportsPage() {
  return <PageHeader title="Risk-analysis report" />;
}
