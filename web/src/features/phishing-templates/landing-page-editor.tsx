import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  type LandingPageInput,
  type LandingPageKind,
  type LandingPageView,
  useSaveLandingPage,
} from '../../api/phishing-templates.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { fillSample, HtmlPreview } from './html-preview.tsx';
import { VariablesList } from './template-editor.tsx';

const sampleFlags = [
  {
    label: 'A sender domain that is not the company’s',
    explanation: 'Compare it with earlier, genuine emails.',
  },
  { label: 'Pressure to act now', explanation: 'Real deadlines are rarely hours away.' },
];

const starters: Record<LandingPageKind, string> = {
  teachable: `<html><body style="font-family:Arial,sans-serif;max-width:640px;margin:40px auto">
<h1>This was a phishing simulation</h1>
<p>Nothing bad happened. Here is what you could have spotted:</p>
{{red_flags}}
<p>Next time, use the <strong>Report</strong> button in your email program.</p>
</body></html>`,
  credential: `<html><body style="font-family:Arial,sans-serif;max-width:360px;margin:60px auto">
<h2>Sign in to continue</h2>
<form>
<p><input type="email" placeholder="Email" style="width:100%" /></p>
<p><input type="password" placeholder="Password" style="width:100%" /></p>
<p><input type="submit" value="Sign in" /></p>
</form>
</body></html>`,
};

const variables = [
  { name: 'red_flags', description: 'The red flags of the exact email the person clicked (teachable pages)' },
  { name: 'submit_url', description: 'Where the form is posted (credential pages; set for you on save)' },
];

/** Creates (page null) or edits a landing page, with a sandboxed preview. */
export function LandingPageEditor({ page, onClose }: { page: LandingPageView | null; onClose: () => void }) {
  const save = useSaveLandingPage(page?.id ?? null);
  const [input, setInput] = useState<LandingPageInput>(
    page
      ? { name: page.name, kind: page.kind, html: page.html, redirectUrl: page.redirectUrl }
      : { name: '', kind: 'teachable', html: starters.teachable, redirectUrl: null },
  );
  const set = (change: Partial<LandingPageInput>) => setInput({ ...input, ...change });
  const mapped = save.error ? mapServerError(save.error, ['name', 'kind', 'html', 'redirectUrl']) : null;
  const errors = mapped?.fieldErrors ?? {};

  return (
    <Modal opened onClose={onClose} title={page ? `Edit ${page.name}` : 'New landing page'} size="100%">
      <Stack>
        <FormErrorAlert error={mapped?.formError ?? null} />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              value={input.name}
              error={errors.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Kind
              </Text>
              <SegmentedControl
                value={input.kind}
                data={[
                  { value: 'teachable', label: 'Teachable moment' },
                  { value: 'credential', label: 'Credential page' },
                ]}
                onChange={(value) => {
                  const kind = value as LandingPageKind;
                  set(
                    page || input.html !== starters[input.kind] ? { kind } : { kind, html: starters[kind] },
                  );
                }}
              />
            </Stack>
            {input.kind === 'credential' && (
              <Alert color="blue">
                Enamel never stores what people type. On save, every field loses its name (so the browser
                sends nothing), the form posts to Enamel, and only the fact that something was submitted is
                recorded.
              </Alert>
            )}
            <Textarea
              label="HTML"
              required
              autosize
              minRows={12}
              maxRows={30}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
              value={input.html}
              error={errors.html}
              onChange={(e) => set({ html: e.currentTarget.value })}
            />
            <TextInput
              label="Redirect after submission"
              description="Optional: where a credential page sends the person after the form (for example your intranet)."
              value={input.redirectUrl ?? ''}
              error={errors.redirectUrl}
              onChange={(e) =>
                set({ redirectUrl: e.currentTarget.value.trim() === '' ? null : e.currentTarget.value })
              }
            />
            <Title order={3} size="h5">
              Placeholders
            </Title>
            <VariablesList variables={page?.variables ?? variables} />
          </Stack>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Preview
            </Title>
            <HtmlPreview
              html={fillSample(input.html, sampleFlags)}
              title="Landing page preview"
              height={600}
            />
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate(input, { onSuccess: onClose })}>
            {page ? 'Save changes' : 'Create page'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The built-in page, shown read-only. */
export function LandingPageViewer({ page, onClose }: { page: LandingPageView; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={page.name} size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          Shown after a click when a campaign has no page of its own. {'{{red_flags}}'} becomes the red flags
          of the email the person clicked.
        </Text>
        <HtmlPreview
          html={fillSample(page.html, sampleFlags)}
          title={`Preview of ${page.name}`}
          height={560}
        />
      </Stack>
    </Modal>
  );
}
