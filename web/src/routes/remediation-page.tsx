import { PageHeader } from '../components/page-header.tsx';

export function RemediationPage() {
  return <PageHeader title="Remediation plan" />;
}
