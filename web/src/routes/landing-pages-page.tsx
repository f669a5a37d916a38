import { PageHeader } from '../components/page-header.tsx';

export function LandingPagesPage() {
  return <PageHeader title="Landing pages" />;
}
