import { Code, List, Stack, Text, Title } from '@mantine/core';
import type { ReportMailboxView } from '../../api/phishing-reporting.ts';

/** How to point Microsoft 365's or Google's report button at a mailbox Enamel reads. */
export function ReportButtonGuide({ view }: { view: ReportMailboxView }) {
  const receiver = view.smtpReceiver;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Microsoft 365
      </Title>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>
          In the Microsoft Defender portal, open Settings › Email & collaboration › User reported settings.
        </List.Item>
        <List.Item>
          Turn on the built-in Report button in Outlook and choose “My reporting mailbox only” (or both), then
          enter your reporting mailbox.
        </List.Item>
        <List.Item>
          Keep the format Microsoft sends: the reported email is attached as .eml or .msg, and Enamel reads
          the subject prefix (Phishing, Junk, Not junk).
        </List.Item>
        <List.Item>
          Set the same mailbox as a SecOps mailbox in the Advanced delivery policy, so Microsoft does not
          filter reports of simulations.
        </List.Item>
      </List>
      <Title order={3} size="h4">
        Google Workspace
      </Title>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>
          In the Admin console, add a routing rule for reports (Apps › Google Workspace › Gmail › Routing)
          that sends a copy of each report to your reporting mailbox, or have staff forward suspicious emails
          to it as an attachment.
        </List.Item>
        <List.Item>Turn on IMAP for the reporting mailbox and create an app password for Enamel.</List.Item>
      </List>
      <Title order={3} size="h4">
        Without a mailbox: the SMTP receiver
      </Title>
      {receiver.enabled ? (
        <Text size="sm">
          This Enamel receives reports by SMTP at <Code>{`${receiver.host}:${receiver.port}`}</Code>. Have
          your mail gateway forward the reporting address there. It accepts mail without a password, so keep
          it on an internal network that only the gateway reaches.
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          The SMTP receiver is off. Your Enamel administrator can turn it on with ENAMEL_REPORT_SMTP_PORT, so
          your mail gateway can forward reports straight to Enamel.
        </Text>
      )}
    </Stack>
  );
}
