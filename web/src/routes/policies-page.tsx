import { PageHeader } from '../components/page-header.tsx';

export function PoliciesPage() {
  return <PageHeader title="Policies" />;
}
