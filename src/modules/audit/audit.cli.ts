import fs from 'node:fs';
import type { Command } from 'commander';
import { type CliIo, CommandFailed, printJson } from '../../cli/io.ts';
import { withRuntime } from '../../cli/runtime.ts';
import { AppError } from '../../platform/errors.ts';
import { createMailer, type Mailer } from '../../platform/mail/index.ts';
import type { ChainResult } from './audit.chain.ts';
import { type AnchorView, anchorView } from './audit.schema.ts';
import { type ChainReport, createAnchor, verifyChains } from './audit.service.ts';

function readAnchor(file: string): AnchorView {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandFailed(
      `Cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError(
      'AUDIT_ANCHOR_INVALID',
      `"${file}" is not JSON: expected an anchor from \`enamel audit anchor\`.`,
    );
  }
  const result = anchorView.safeParse(parsed);
  if (result.success) return result.data;
  throw new AppError(
    'AUDIT_ANCHOR_INVALID',
    `"${file}" is not an Enamel audit anchor.`,
    result.error.issues.map((issue) => ({
      file,
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      code: issue.code,
      message: issue.message,
    })),
  );
}

function describeResult(result: ChainResult): string {
  if (result.ok) return `ok ${result.entries} entries, head ${result.headHash}`;
  const { entry, message } = result.break;
  const where = entry
    ? `entry ${entry.id} (seq ${entry.seq}, ${entry.occurredAt}, ${entry.action}): `
    : `after ${result.entries} valid entries: `;
  return `BROKEN at ${where}${message}`;
}

function firstBroken(reports: readonly ChainReport[]): AppError | null {
  const bad = reports.find((report) => !report.result.ok);
  if (!bad) return null;
  const total = reports.filter((report) => !report.result.ok).length;
  return new AppError(
    'AUDIT_CHAIN_BROKEN',
    `${total} of ${reports.length} audit chain${reports.length === 1 ? '' : 's'} failed verification; first: chain ${bad.chainKey}: ${describeResult(bad.result)}`,
  );
}

function registerVerify(audit: Command, io: CliIo): void {
  audit
    .command('verify')
    .description('Check every audit chain from its first entry; exit 1 naming the first broken entry')
    .option('--dso <id>', 'verify only this DSO\'s chain (or "platform")')
    .option('--anchor <file>', 'also check against an anchor exported earlier (detects removed entries)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { dso?: string; anchor?: string; json?: boolean }) => {
      const anchor = options.anchor === undefined ? undefined : readAnchor(options.anchor);
      const reports = await withRuntime(io, ({ deps }) =>
        verifyChains(deps, { chainKey: options.dso, anchor }),
      );
      if (options.json) printJson(io, { ok: reports.every((r) => r.result.ok), chains: reports });
      else {
        if (reports.length === 0) io.stdout.write('No audit entries yet.\n');
        for (const { chainKey, result } of reports)
          io.stdout.write(`chain ${chainKey}: ${describeResult(result)}\n`);
      }
      const failure = firstBroken(reports);
      if (failure) throw failure;
    });
}

/** Mails the anchor to a mailbox outside Enamel, where deleting trail entries cannot reach it. */
async function emailAnchor(mailer: Mailer, to: string, anchor: AnchorView): Promise<void> {
  try {
    await mailer.send({
      to,
      subject: `Enamel audit anchor ${anchor.createdAt}`,
      text:
        'This is the current head of each Enamel audit chain. Keep this email: `enamel audit verify --anchor FILE` ' +
        'with this JSON saved as FILE proves that no entry before it was removed or changed.\n\n' +
        `${JSON.stringify(anchor, null, 2)}\n`,
    });
  } finally {
    await mailer.close();
  }
}

function registerAnchor(audit: Command, io: CliIo): void {
  audit
    .command('anchor')
    .description('Write the current head of each audit chain as JSON, to keep outside Enamel')
    .option('--dso <id>', 'only this DSO\'s chain (or "platform")')
    .option('--out <file>', 'write to this file (never overwritten) instead of standard output')
    .option(
      '--email <address>',
      'also email the anchor (ENAMEL_SMTP_URL); run it from cron for a periodic anchor',
    )
    .option('--json', 'with --out or --email, print a JSON summary')
    .action(async (options: { dso?: string; out?: string; email?: string; json?: boolean }) => {
      if (options.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email)) {
        throw new CommandFailed(`--email "${options.email}" is not an email address.`);
      }
      const anchor = await withRuntime(io, async ({ deps, config }) => {
        const view = await createAnchor(deps, options.dso);
        if (options.email !== undefined) await emailAnchor(createMailer(config), options.email, view);
        return view;
      });
      const text = `${JSON.stringify(anchor, null, 2)}\n`;
      if (options.email !== undefined && options.out === undefined) {
        if (options.json) return printJson(io, { emailed: options.email, chains: anchor.chains });
        return void io.stdout.write(
          `Emailed the anchor of ${anchor.chains.length} chain(s) to ${options.email}.\n`,
        );
      }
      if (options.out === undefined) return void io.stdout.write(text);
      try {
        fs.writeFileSync(options.out, text, { flag: 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'EEXIST' ? 'it already exists' : (code ?? String(error));
        throw new CommandFailed(`Cannot write "${options.out}": ${why}.`);
      }
      if (options.json) return printJson(io, { file: options.out, chains: anchor.chains });
      io.stdout.write(`Wrote the anchor of ${anchor.chains.length} chain(s) to ${options.out}.\n`);
    });
}

/** `enamel audit verify|anchor`: integrity checks of the trail (45 CFR 164.312(b), 164.312(c)(1)). */
export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('Verify and anchor the audit trail');
  registerVerify(audit, io);
  registerAnchor(audit, io);
}
