import { Button, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Text mb="md">There is no page at this address.</Text>
      <Button component={Link} to="/" variant="default">
        Back to the overview
      </Button>
    </>
  );
}
