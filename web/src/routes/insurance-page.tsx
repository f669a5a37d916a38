import { PageHeader } from '../components/page-header.tsx';

export function InsurancePage() {
  return <PageHeader title="Cyber-insurance answers" />;
}
