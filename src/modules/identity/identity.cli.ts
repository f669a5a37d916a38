import type { Command } from 'commander';
import { type CliIo, printJson } from '../../cli/io.ts';
import { withRuntime } from '../../cli/runtime.ts';
import { openSecretBox } from '../../platform/crypto/index.ts';
import { AppError } from '../../platform/errors.ts';
import { emailInput } from './identity.schema.ts';
import { createIdentity, identitySettings } from './identity.service.ts';

async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerIdentityCommands(program: Command, io: CliIo): void {
  const admin = program.command('admin').description('Administrator accounts');
  admin
    .command('create')
    .description(
      'Create a DSO and its first administrator. The password is read from stdin with --password-stdin; ' +
        'otherwise a one-time setup link (valid 24 hours) is printed once.',
    )
    .option('--dso <name>', 'the name of the new DSO')
    .option('--dso-id <id>', 'add the administrator to this existing DSO instead (for example a demo DSO)')
    .requiredOption('--email <email>', "the administrator's email")
    .option('--name <displayName>', "the administrator's name (defaults to the email)")
    .option('--password-stdin', 'read the password from standard input')
    .option('--another-dso', 'allow creating a further DSO when administrators already exist')
    .option('--json', 'print JSON')
    .action(
      async (
        options: {
          dso?: string;
          dsoId?: string;
          email: string;
          name?: string;
          passwordStdin?: boolean;
          anotherDso?: boolean;
          json?: boolean;
        },
        command: Command,
      ) => {
        // Naming neither or both is a usage error (exit 2), like a missing required option.
        if ((options.dso === undefined) === (options.dsoId === undefined)) {
          command.error('error: give either --dso NAME (a new DSO) or --dso-id ID (an existing one)', {
            exitCode: 2,
          });
        }
        const email = emailInput.safeParse(options.email);
        if (!email.success)
          throw new AppError('VALIDATION_FAILED', `--email "${options.email}" is not an email address.`);
        const dsoName = options.dso?.trim() ?? '';
        if (options.dso !== undefined && (dsoName === '' || dsoName.length > 200))
          throw new AppError('VALIDATION_FAILED', '--dso must be 1-200 characters.');
        const password = options.passwordStdin ? await readStdin(io) : null;
        await withRuntime(io, async ({ deps, config }) => {
          const secrets = await openSecretBox({ db: deps.db, config });
          const identity = createIdentity(deps, identitySettings(config), secrets);
          const user = await identity.createFirstAdmin(
            { dsoName, displayName: options.name?.trim() || email.data, email: email.data, password },
            {
              anotherDso: Boolean(options.anotherDso),
              ...(options.dsoId === undefined ? {} : { existingDsoId: options.dsoId }),
            },
          );
          const setupLink = password === null ? await identity.createSetupLink(user.id, 1) : null;
          if (options.json)
            return printJson(io, { dsoId: user.dsoId, userId: user.id, email: user.email, setupLink });
          io.stdout.write(
            options.dsoId === undefined
              ? `Created DSO "${dsoName}" (${user.dsoId}) and administrator ${user.email}.\n`
              : `Added administrator ${user.email} to DSO ${user.dsoId}.\n`,
          );
          if (setupLink) {
            io.stdout.write(
              `Open this link within 24 hours to choose the password (it works once):\n${setupLink}\n`,
            );
          } else {
            io.stdout.write(
              'Sign in with that email and password; you will set up multi-factor authentication first.\n',
            );
          }
        });
      },
    );
}
