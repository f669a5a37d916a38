import { Alert, Button, Container, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { isApiError } from '../api/api-error.ts';
import { useAcknowledgeLink, useAttestationLookup } from '../api/policies.ts';
import { formatDate, formatDateTime } from '../components/format.ts';
import { PageLoader } from '../components/query-status.tsx';
import { useFragmentToken } from '../features/identity/use-fragment-token.ts';
import { PolicyMarkdown } from '../features/policies/policy-markdown.tsx';

/**
 * The page of an emailed acknowledgement link: `/acknowledge#token=TOKEN`, outside the app shell and without
 * an account. The token stays in the fragment, so it never reaches a server log.
 */
export function AcknowledgePage() {
  useDocumentTitle('Acknowledge policies · Enamel');
  const fragment = useFragmentToken();
  const token = fragment.startsWith('token=') ? fragment.slice('token='.length) : fragment;
  const lookup = useAttestationLookup(token);
  const acknowledge = useAcknowledgeLink();
  const data = acknowledge.data ?? lookup.data;

  return (
    <Container component="main" size="md" px={{ base: 'xs', sm: 'md' }} py={{ base: 'md', sm: 40 }}>
      <Text fw={700} c="blue.7" fz="xl" mb="md" ta="center">
        Enamel
      </Text>
      {!token ? (
        <Alert color="red" title="This link is incomplete">
          Open the link from your email again, or copy the whole address into the browser.
        </Alert>
      ) : lookup.isPending ? (
        <PageLoader />
      ) : lookup.isError || !data ? (
        <Alert color="red" title="This link does not work" role="alert">
          {isApiError(lookup.error)
            ? lookup.error.message
            : 'The server could not be reached. Try again later.'}
        </Alert>
      ) : (
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {data.campaignTitle}
            </Title>
            <Text c="dimmed">
              Hello {data.firstName}. {data.dsoName} asks you to read{' '}
              {data.policies.length === 1 ? 'this policy' : `these ${data.policies.length} policies`} by{' '}
              {formatDate(data.dueDate)}.
            </Text>
          </div>
          {data.policies.map((policy) => (
            <Paper key={`${policy.title}-${policy.version}`} withBorder p={{ base: 'sm', sm: 'lg' }}>
              <Text size="xs" c="dimmed" mb="xs">
                {policy.title} · version {policy.version}
              </Text>
              <PolicyMarkdown body={policy.body} />
            </Paper>
          ))}
          <Divider />
          {data.status === 'acknowledged' ? (
            <Alert color="green" title="Thank you" role="status">
              You acknowledged on {formatDateTime(data.acknowledgedAt)}. You can close this page.
            </Alert>
          ) : (
            <Stack gap="sm">
              {acknowledge.error ? (
                <Alert color="red" role="alert">
                  {acknowledge.error.message}
                </Alert>
              ) : null}
              <Button
                size="lg"
                fullWidth
                loading={acknowledge.isPending}
                onClick={() => acknowledge.mutate(token)}
              >
                I have read and will follow these policies
              </Button>
            </Stack>
          )}
        </Stack>
      )}
    </Container>
  );
}
