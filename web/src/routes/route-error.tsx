import { Alert, Button, Container } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../api/api-error.ts';

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <Container size="sm" py="xl">
      <Alert color="red" title="This page failed" role="alert">
        {message}
      </Alert>
      <Button component={Link} to="/" mt="md" variant="default">
        Back to the overview
      </Button>
    </Container>
  );
}
