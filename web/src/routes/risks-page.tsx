import { PageHeader } from '../components/page-header.tsx';

export function RisksPage() {
  return <PageHeader title="Risk register" />;
}
