import { Alert, Button, FileButton, Group, Text } from '@mantine/core';
import { errorMessage } from '../../api/api-error.ts';
import { useUploadReportedEmail } from '../../api/phishing-reporting.ts';

const maxBytes = 25 * 1024 * 1024;

/** Uploads a reported .eml or .msg; Enamel reads it as data and never opens its links or attachments. */
export function UploadReportedEmail() {
  const upload = useUploadReportedEmail();
  const choose = (file: File | null) => {
    if (!file) return;
    upload.reset();
    upload.mutate(file);
  };
  const tooLarge = upload.variables && upload.variables.size > maxBytes;
  return (
    <div>
      <Group gap="sm">
        <FileButton onChange={choose} accept=".eml,.msg,message/rfc822,application/vnd.ms-outlook">
          {(props) => (
            <Button {...props} loading={upload.isPending}>
              Upload .eml or .msg
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed">
          At most 25 MB. Save the suspicious email from Outlook or Gmail as a file first.
        </Text>
      </Group>
      {upload.isSuccess && (
        <Alert mt="sm" color={upload.data.outcome === 'simulation' ? 'teal' : 'blue'} role="status">
          {upload.data.message}
        </Alert>
      )}
      {upload.isError && (
        <Alert mt="sm" color="red" role="alert" title="The file was not taken in">
          {tooLarge ? 'The file is larger than 25 MB.' : errorMessage(upload.error)}
        </Alert>
      )}
    </div>
  );
}
