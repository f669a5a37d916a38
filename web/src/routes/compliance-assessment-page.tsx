import { PageHeader } from '../components/page-header.tsx';

export function ComplianceAssessmentPage() {
  return <PageHeader title="Assessment" />;
}
