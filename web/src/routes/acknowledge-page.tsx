import { PageHeader } from '../components/page-header.tsx';

export function AcknowledgePage() {
  return <PageHeader title="Acknowledge policies" />;
}
