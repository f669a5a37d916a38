import { PageHeader } from '../components/page-header.tsx';

export function PolicyDetailPage() {
  return <PageHeader title="Policy" />;
}
