import { DsoSetup } from '../features/org/dso-setup.tsx';

export function SetupPage() {
  return <DsoSetup isFirstRun={false} />;
}
