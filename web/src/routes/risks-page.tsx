import { Alert, Button, Grid, Modal, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { type RiskView, useCreateRisk, useProposeRisks, useRiskList } from '../api/risks.ts';
import { LoadMore } from '../components/load-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { useCan } from '../features/identity/permissions.ts';
import { AcceptRiskModal } from '../features/risks/accept-risk-modal.tsx';
import { RiskDrawer } from '../features/risks/risk-drawer.tsx';
import { RiskFilters, riskFilterKeys, useSetFilters } from '../features/risks/risk-filters.tsx';
import { RiskForm } from '../features/risks/risk-form.tsx';
import { type MatrixView, RiskMatrixCard } from '../features/risks/risk-matrix-card.tsx';
import type { MatrixCell } from '../features/risks/risk-matrix-chart.tsx';
import { RiskTable } from '../features/risks/risk-table.tsx';

function ProposeButton() {
  const propose = useProposeRisks();
  return (
    <>
      <Button variant="default" loading={propose.isPending} onClick={() => propose.mutate()}>
        Propose risks from the assessment
      </Button>
      {propose.isSuccess && (
        <Alert
          color="blue"
          withCloseButton
          onClose={() => propose.reset()}
          w="100%"
          title="Proposals updated"
        >
          {propose.data.created} new, {propose.data.updated} updated, {propose.data.unchanged} unchanged;{' '}
          {propose.data.flaggedForClosing} no longer indicated by the answers (marked “Close suggested”).
        </Alert>
      )}
      {propose.isError && (
        <Alert
          color="red"
          withCloseButton
          onClose={() => propose.reset()}
          w="100%"
          title="Could not propose risks"
        >
          {propose.error.message}
        </Alert>
      )}
    </>
  );
}

export function RisksPage() {
  const { filters, setFilter } = useUrlFilters(riskFilterKeys);
  const list = useRiskList(filters);
  const risks = list.data?.pages.flatMap((page) => page.items) ?? [];
  const can = useCan();
  const [openId, setOpenId] = useState<string | null>(null);
  const [accepting, setAccepting] = useState<RiskView | null>(null);
  const [creating, setCreating] = useState(false);
  const create = useCreateRisk();
  const open = risks.find((r) => r.id === openId) ?? null;
  const [view, setView] = useState<MatrixView>(filters.residualLikelihood ? 'residual' : 'inherent');
  const setFilters = useSetFilters();
  const cellOf = (likelihood?: string, impact?: string) =>
    likelihood && impact ? ({ likelihood, impact } as MatrixCell) : null;
  const selected =
    view === 'residual'
      ? cellOf(filters.residualLikelihood, filters.residualImpact)
      : cellOf(filters.likelihood, filters.impact);
  // A second click on the selected cell clears the filter.
  const selectCell = (cell: MatrixCell, shown: MatrixView) => {
    const same = selected?.likelihood === cell.likelihood && selected.impact === cell.impact;
    const pick = (side: MatrixView, value: string) => (!same && shown === side ? value : null);
    setFilters({
      likelihood: pick('inherent', cell.likelihood),
      impact: pick('inherent', cell.impact),
      residualLikelihood: pick('residual', cell.likelihood),
      residualImpact: pick('residual', cell.impact),
    });
  };
  const closeCreate = () => {
    create.reset();
    setCreating(false);
  };
  return (
    <>
      <PageHeader
        title="Risk register"
        description="Each risk is a threat using a vulnerability against a group of assets, rated low to critical on the 3x3 matrix. Treat it, give it an owner and a review date; accepting a risk needs the security official."
        actions={
          can('compliance:write') && (
            <>
              <ProposeButton />
              <Button onClick={() => setCreating(true)}>New risk</Button>
            </>
          )
        }
      />
      <Grid gap="lg" mb="md">
        <Grid.Col span={{ base: 12, md: 6, xl: 4 }}>
          <RiskMatrixCard
            {...(filters.practiceId ? { practiceId: filters.practiceId } : {})}
            selected={selected}
            view={view}
            onViewChange={setView}
            onSelectCell={selectCell}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6, xl: 8 }}>
          <RiskFilters filters={filters} setFilter={setFilter} />
        </Grid.Col>
      </Grid>
      <Paper withBorder radius="md" p="xs">
        {list.isPending && <PageLoader label="Loading risks" />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && risks.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No risk matches. Answer the assessment and propose risks from it, or add one.
          </Text>
        )}
        {risks.length > 0 && <RiskTable risks={risks} onOpen={(risk) => setOpenId(risk.id)} />}
      </Paper>
      {list.isSuccess && (
        <LoadMore
          shown={risks.length}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      )}
      <RiskDrawer risk={open} onClose={() => setOpenId(null)} onAccept={setAccepting} />
      <AcceptRiskModal risk={accepting} onClose={() => setAccepting(null)} />
      <Modal opened={creating} onClose={closeCreate} title="New risk" size="xl">
        <RiskForm
          submitLabel="Add risk"
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input, { onSuccess: closeCreate })}
          onCancel={closeCreate}
        />
      </Modal>
    </>
  );
}
