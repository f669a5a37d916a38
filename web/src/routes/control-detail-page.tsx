import { PageHeader } from '../components/page-header.tsx';

export function ControlDetailPage() {
  return <PageHeader title="Control" />;
}
