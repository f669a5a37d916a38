import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCreateSsoProvider, useDeleteSsoProvider, useUpdateSsoProvider } from '../../api/sso.ts';
import type { SsoProviderView } from '../../api/types.ts';
import { ConfirmActionModal } from '../../components/confirm-action-modal.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { SsoProviderForm } from './sso-provider-form.tsx';
import {
  toCreateSsoProviderInput,
  toSsoProviderFormValues,
  toUpdateSsoProviderInput,
} from './sso-provider-form-values.ts';

/** The redirect URI the administrator registers at the provider; it must match exactly. */
export function RedirectUriField({ provider }: { provider: SsoProviderView }) {
  return (
    <CopyField
      label="Redirect URI"
      value={provider.redirectUri}
      description="Register this exactly at the provider (Entra ID: Authentication → Web; Google: Authorized redirect URIs)."
    />
  );
}

export function AddSsoProviderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateSsoProvider();
  const [created, setCreated] = useState<SsoProviderView | null>(null);
  const close = () => {
    setCreated(null);
    create.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Register the redirect URI' : 'Add SSO provider'}
      size="lg"
    >
      {created ? (
        <Stack gap="md">
          <Text>
            <strong>{created.name}</strong> is saved. Add this redirect URI at the provider
            {created.enabled ? '.' : ', then turn the provider on here (Edit → Enabled).'}
          </Text>
          <RedirectUriField provider={created} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        opened && (
          <SsoProviderForm
            initialValues={toSsoProviderFormValues(null)}
            isNew
            isSubmitting={create.isPending}
            submitLabel="Add provider"
            onCancel={close}
            onSubmit={async (values) =>
              setCreated(await create.mutateAsync(toCreateSsoProviderInput(values)))
            }
          />
        )
      )}
    </Modal>
  );
}

interface EditSsoProviderModalProps {
  provider: SsoProviderView | null;
  readOnly: boolean;
  onClose: () => void;
}

export function EditSsoProviderModal({ provider, readOnly, onClose }: EditSsoProviderModalProps) {
  const update = useUpdateSsoProvider();
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <Modal opened={provider !== null} onClose={close} title={provider?.name ?? 'SSO provider'} size="lg">
      {provider && (
        <Stack gap="md">
          <RedirectUriField provider={provider} />
          <SsoProviderForm
            key={provider.id}
            initialValues={toSsoProviderFormValues(provider)}
            isNew={false}
            readOnly={readOnly}
            isSubmitting={update.isPending}
            submitLabel="Save changes"
            onCancel={close}
            onSubmit={async (values) => {
              const input = toUpdateSsoProviderInput(toSsoProviderFormValues(provider), values);
              if (Object.keys(input).length > 0) await update.mutateAsync({ id: provider.id, input });
              notifications.show({ color: 'green', message: `${values.name.trim()} saved.` });
              close();
            }}
          />
        </Stack>
      )}
    </Modal>
  );
}

export function DeleteSsoProviderModal({
  provider,
  onClose,
}: {
  provider: SsoProviderView | null;
  onClose: () => void;
}) {
  const remove = useDeleteSsoProvider();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmActionModal
      opened={provider !== null}
      title="Delete SSO provider"
      confirmLabel="Delete provider"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => provider && remove.mutate(provider.id, { onSuccess: close })}
      onClose={close}
    >
      <Text mb="sm">
        Delete <strong>{provider?.name}</strong>? Nobody can sign in with it any more.
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        The accounts it created stay, with their roles and open sessions: disable them or sign them out on the
        Users tab to cut access now.
      </Text>
    </ConfirmActionModal>
  );
}
