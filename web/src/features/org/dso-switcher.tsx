import { Select, Text, VisuallyHidden } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useSwitchDso } from '../../api/me.ts';
import type { MeView } from '../../api/types.ts';

/** The current DSO's name; a picker when the operator manages several. */
export function DsoSwitcher({ me }: { me: MeView }) {
  const switchDso = useSwitchDso();
  const navigate = useNavigate();
  if (me.dsos.length <= 1) {
    return (
      <Text fw={500} truncate maw={{ base: 180, sm: 360 }}>
        <VisuallyHidden>Current DSO: </VisuallyHidden>
        {me.dso?.name}
      </Text>
    );
  }
  return (
    <Select
      aria-label="Current DSO"
      data={me.dsos.map((dso) => ({ value: dso.id, label: dso.name }))}
      value={me.dso?.id ?? null}
      onChange={(id) => {
        if (!id || id === me.dso?.id) return;
        switchDso(id);
        void navigate('/');
      }}
      allowDeselect={false}
      searchable={me.dsos.length > 8}
      w={{ base: 180, sm: 280 }}
    />
  );
}
