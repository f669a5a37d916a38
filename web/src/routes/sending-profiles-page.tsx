import { PageHeader } from '../components/page-header.tsx';

export function SendingProfilesPage() {
  return <PageHeader title="Sending profiles" />;
}
