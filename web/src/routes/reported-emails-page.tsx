import { PageHeader } from '../components/page-header.tsx';

export function ReportedEmailsPage() {
  return <PageHeader title="Reported emails" />;
}
