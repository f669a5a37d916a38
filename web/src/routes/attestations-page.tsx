import { PageHeader } from '../components/page-header.tsx';

export function AttestationsPage() {
  return <PageHeader title="Attestation campaigns" />;
}
