import fs from 'node:fs';
import type { Command } from 'commander';
import { type CliIo, CommandFailed, printJson } from '../../../cli/io.ts';
import { resolveCliDso, withRuntime } from '../../../cli/runtime.ts';
import { cliActor } from '../../../platform/context.ts';
import { openSecretBox } from '../../../platform/crypto/index.ts';
import { createMailer } from '../../../platform/mail/index.ts';
import { startImapPoller } from './imap-poller.ts';
import { listMailboxStates } from './report-mailbox.service.ts';
import { ingestReport } from './reporting.service.ts';

function readReportFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CommandFailed(
      `Cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
    );
  }
}

/** `enamel phishing reports ...` (report path area). */
export function registerReportingCommands(phishing: Command, io: CliIo): void {
  const reports = phishing
    .command('reports')
    .description('Reported emails: take in a file, read the report mailboxes');

  reports
    .command('import <file>')
    .description(
      'Take in a reported email (.eml or .msg) as if it was uploaded: simulations are recorded, the rest queued',
    )
    .option('--dso <id>', 'the DSO the report belongs to (needed when several exist)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { dso?: string; json?: boolean }) => {
      const raw = readReportFile(file);
      await withRuntime(io, async ({ config, deps }) => {
        const dsoId = await resolveCliDso(deps.db, options.dso);
        const mailer = createMailer(config);
        try {
          const result = await ingestReport(
            { ...deps, mailer, trackingUrl: config.trackingUrl },
            { dsoId, source: 'upload', raw, actor: cliActor },
          );
          if (options.json) printJson(io, result);
          else io.stdout.write(`${result.message}\n`);
        } finally {
          await mailer.close();
        }
      });
    });

  reports
    .command('poll')
    .description('Read every enabled report mailbox once over IMAP (the server also does this on its own)')
    .option('--json', 'print each mailbox’s state as JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(io, async ({ config, deps }) => {
        const secrets = await openSecretBox({ db: deps.db, config });
        const mailer = createMailer(config);
        try {
          await startImapPoller({
            deps,
            secrets,
            mailer,
            trackingUrl: config.trackingUrl,
            intervalMs: 0,
          }).runOnce();
        } finally {
          await mailer.close();
        }
        const states = await listMailboxStates(deps);
        if (options.json) {
          printJson(io, { items: states });
          return;
        }
        if (states.length === 0) io.stdout.write('No report mailbox is enabled.\n');
        for (const state of states) {
          io.stdout.write(`${state.mailbox}: ${state.lastError ? `failed: ${state.lastError}` : 'read'}\n`);
        }
        if (states.some((state) => state.lastError))
          throw new CommandFailed('A report mailbox could not be read.');
      });
    });
}
