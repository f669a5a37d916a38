import type { Command } from 'commander';
import { type CliIo, printJson } from '../../cli/io.ts';
import { withRuntime } from '../../cli/runtime.ts';
import { createMailer } from '../../platform/mail/index.ts';
import { runComplianceReminders } from './compliance.reminders.ts';
import { registerSignalCommands } from './controls/signals.cli.ts';
import { crosswalkSummaries, frameworkSummaries } from './frameworks.ts';
import { registerReportCommands } from './reports/reports.cli.ts';

export function registerComplianceCommands(program: Command, io: CliIo): void {
  const compliance = program.command('compliance').description('Compliance frameworks and risk analysis');
  compliance
    .command('frameworks')
    .description('List the bundled frameworks and crosswalks with their item counts')
    .option('--json', 'print the result as JSON')
    .action((options: { json?: boolean }) => {
      const frameworks = frameworkSummaries();
      const crosswalks = crosswalkSummaries();
      if (options.json) return printJson(io, { frameworks, crosswalks });
      const rows = frameworks.map((f) => [
        f.id,
        f.effectiveDate,
        Object.entries(f.counts)
          .map(([key, value]) => `${key} ${value}`)
          .join(', '),
      ]);
      io.stdout.write(table(['FRAMEWORK', 'EFFECTIVE', 'COUNTS'], rows));
      io.stdout.write('\n');
      io.stdout.write(
        table(
          ['CROSSWALK', 'FROM', 'TO', 'MAPPINGS', 'LINKS'],
          crosswalks.map((c) => [c.id, c.from, c.to, String(c.mappings), String(c.links)]),
        ),
      );
    });
  compliance
    .command('remind')
    .description('Send the reminders that are due: evidence expiry, remediation tasks, policy attestations')
    .option('--json', 'print the result as JSON')
    .action((options: { json?: boolean }) =>
      withRuntime(io, async ({ config, deps }) => {
        const run = await runComplianceReminders(deps, createMailer(config), config.publicUrl);
        if (options.json) return printJson(io, run);
        for (const [area, result] of Object.entries(run)) {
          io.stdout.write(`${area}: ${result.sent} reminder(s) sent, ${result.escalated} escalated\n`);
        }
      }),
    );
  registerReportCommands(compliance, io);
  registerSignalCommands(compliance, io);
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `${cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  return [line(headers), ...rows.map(line)].join('');
}
