import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import type { Role, UserView } from '../../api/types.ts';
import { useCreateUser, useSignOutUser, useUpdateUser } from '../../api/users.ts';
import { CopyField } from '../../components/copy-field.tsx';
import { UserForm } from './user-form.tsx';
import { toCreateUserInput, toUpdateUserInput, toUserFormValues } from './user-form-values.ts';

export function AddUserModal({
  opened,
  roles,
  onClose,
}: {
  opened: boolean;
  roles: readonly Role[];
  onClose: () => void;
}) {
  const createUser = useCreateUser();
  const [created, setCreated] = useState<{ user: UserView; setupLink: string } | null>(null);
  const close = () => {
    setCreated(null);
    createUser.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Hand over the setup link' : 'Add user'}
      size="lg"
    >
      {created ? (
        <Stack gap="md">
          <Text>
            The account of <strong>{created.user.displayName}</strong> ({created.user.email}) has no password
            yet. Send them this link through a channel you trust; they choose their password there.
          </Text>
          <Alert color="yellow" title="Shown only once">
            The link works once, for 7 days. Copy it now: Enamel does not keep it.
          </Alert>
          <CopyField label="Setup link" value={created.setupLink} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <UserForm
          initialValues={toUserFormValues(null)}
          roles={roles}
          isNew
          isSubmitting={createUser.isPending}
          submitLabel="Add user"
          onCancel={close}
          onSubmit={async (values) => setCreated(await createUser.mutateAsync(toCreateUserInput(values)))}
        />
      )}
    </Modal>
  );
}

interface EditUserModalProps {
  user: UserView | null;
  roles: readonly Role[];
  isSelf: boolean;
  onClose: () => void;
}

export function EditUserModal({ user, roles, isSelf, onClose }: EditUserModalProps) {
  const updateUser = useUpdateUser();
  const close = () => {
    updateUser.reset();
    onClose();
  };
  return (
    <Modal
      opened={user !== null}
      onClose={close}
      title={user ? `Edit ${user.displayName}` : 'Edit user'}
      size="lg"
    >
      {user && (
        <UserForm
          key={user.id}
          initialValues={toUserFormValues(user)}
          roles={roles}
          isNew={false}
          isSelf={isSelf}
          isSubmitting={updateUser.isPending}
          submitLabel="Save changes"
          onCancel={close}
          onSubmit={async (values) => {
            const input = toUpdateUserInput(toUserFormValues(user), values);
            if (Object.keys(input).length > 0) await updateUser.mutateAsync({ id: user.id, input });
            notifications.show({ color: 'green', message: `${values.displayName} saved.` });
            close();
          }}
        />
      )}
    </Modal>
  );
}

export function SignOutUserModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const signOutUser = useSignOutUser();
  const close = () => {
    signOutUser.reset();
    onClose();
  };
  return (
    <Modal opened={user !== null} onClose={close} title="Sign out everywhere">
      <Text mb="md">
        End every session of <strong>{user?.displayName}</strong>? They stay able to sign in again.
      </Text>
      {signOutUser.error && (
        <Alert color="red" mb="md" role="alert">
          {errorMessage(signOutUser.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button
          color="red"
          loading={signOutUser.isPending}
          onClick={() =>
            user &&
            signOutUser.mutate(user.id, {
              onSuccess: ({ ended }) => {
                notifications.show({ message: `${user.displayName}: ${ended} session(s) ended.` });
                close();
              },
            })
          }
        >
          Sign out everywhere
        </Button>
      </Group>
    </Modal>
  );
}
