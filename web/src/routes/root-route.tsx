import { Center, Container } from '@mantine/core';
import { useEffect } from 'react';
import { getSelectedDsoId, setSelectedDsoId } from '../api/dso-selection.ts';
import { useMe } from '../api/me.ts';
import { AppLayout } from '../components/app-layout.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { DsoChooser } from '../features/org/dso-chooser.tsx';
import { DsoSetup } from '../features/org/dso-setup.tsx';

/** Decides between first-run setup, choosing a DSO, and the application itself. */
export function RootRoute() {
  const me = useMe();
  const dsos = me.data?.dsos;
  const { refetch } = me;

  // A remembered DSO that no longer exists would make every call fail.
  useEffect(() => {
    const selected = getSelectedDsoId();
    if (dsos && selected && !dsos.some((dso) => dso.id === selected)) {
      setSelectedDsoId(null);
      void refetch();
    }
  }, [dsos, refetch]);

  if (me.isPending) return <PageLoader label="Loading Enamel" />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (me.data.dso === null) {
    return (
      <Center component="main" mih="100vh" style={{ alignItems: 'flex-start' }}>
        {me.data.dsos.length === 0 ? <DsoSetup isFirstRun /> : <DsoChooser dsos={me.data.dsos} />}
      </Center>
    );
  }
  return <AppLayout me={me.data} />;
}
