import { useMutation } from '@tanstack/react-query';
import { api } from './client.ts';
import { useInvalidatePeople } from './people.ts';
import type { ImportResult } from './types.ts';

export interface ImportPeopleInput {
  csv: string;
  dryRun: boolean;
  terminateMissing: boolean;
}

export function useImportPeople() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ csv, dryRun, terminateMissing }: ImportPeopleInput) =>
      api.post<ImportResult>('/people/import', { query: { dryRun, terminateMissing }, csv }),
    onSuccess: async (result) => {
      if (!result.dryRun) await invalidate();
    },
  });
}
