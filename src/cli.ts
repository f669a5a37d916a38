import { Command, CommanderError } from 'commander';
import { type CliIo, CommandFailed, printError, processIo } from './cli/io.ts';
import { registerKeysCommands } from './cli/keys.cli.ts';
import { registerPlatformCommands } from './cli/platform.cli.ts';
import { registerAuditCommands } from './modules/audit/audit.cli.ts';
import { registerComplianceCommands } from './modules/compliance/compliance.cli.ts';
import { registerDemoCommands } from './modules/demo/demo.cli.ts';
import { registerIdentityCommands } from './modules/identity/identity.cli.ts';
import { registerPhishingCommands } from './modules/phishing/phishing.cli.ts';
// Loaded for its encrypted-column registration, so `enamel keys rotate` re-encrypts SSO client secrets too.
import './modules/identity/sso/sso-admin.service.ts';
import { registerPeopleCommands } from './modules/people/people.cli.ts';

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** Builds the `enamel` program; every command writes through `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('enamel')
    .description('Enamel: security and HIPAA compliance for Dental Service Organizations')
    .version('0.1.0')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerPlatformCommands(program, io);
  registerDemoCommands(program, io);
  registerIdentityCommands(program, io);
  registerPeopleCommands(program, io);
  registerAuditCommands(program, io);
  registerComplianceCommands(program, io);
  registerPhishingCommands(program, io);
  registerKeysCommands(program, io);
  for (const command of allCommands(program)) command.exitOverride();
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}

/** Runs the CLI and answers its exit code: 0 ok, 1 failed, 2 usage error. Never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io);
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return exitCodes.ok;
      if (error.code === 'commander.help') return exitCodes.ok;
      return exitCodes.usage;
    }
    printError(io, error, json);
    return error instanceof CommandFailed ? error.exitCode : exitCodes.failed;
  }
}
