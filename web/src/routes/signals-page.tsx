import { PageHeader } from '../components/page-header.tsx';

export function SignalsPage() {
  return <PageHeader title="Live signals" />;
}
