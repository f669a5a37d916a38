import { PageHeader } from '../components/page-header.tsx';

export function ControlsPage() {
  return <PageHeader title="Controls" />;
}
