import { PageHeader } from '../components/page-header.tsx';
import { ImportWizard } from '../features/people-import/import-wizard.tsx';

export function PeopleImportPage() {
  return (
    <>
      <PageHeader
        title="Import people"
        description="Load or refresh your workforce from your HR or payroll export. Enamel checks every row first and writes nothing until the whole file is valid and you confirm."
      />
      <ImportWizard />
    </>
  );
}
