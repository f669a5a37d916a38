import { PageHeader } from '../components/page-header.tsx';

export function VendorsPage() {
  return <PageHeader title="Vendors and BAAs" />;
}
