import { Alert, List } from '@mantine/core';
import type { MappedError } from './server-errors.ts';

export function FormErrorAlert({ error }: { error: MappedError['formError'] }) {
  if (!error) return null;
  return (
    <Alert color="red" title={error.message} role="alert">
      {error.details.length > 0 && (
        <List size="sm">
          {error.details.map((detail) => (
            <List.Item key={detail}>{detail}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
