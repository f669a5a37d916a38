import { Alert, Button, Center, Loader } from '@mantine/core';
import { errorMessage } from '../api/api-error.ts';

export function PageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center py="xl">
      <Loader aria-label={label} />
    </Center>
  );
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" title="Could not load this page" role="alert">
      {errorMessage(error)}
      {onRetry && (
        <Button variant="light" color="red" size="xs" ml="md" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
