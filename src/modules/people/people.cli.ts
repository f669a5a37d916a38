import fs from 'node:fs';
import type { Command } from 'commander';
import { type CliIo, CommandFailed, printJson } from '../../cli/io.ts';
import { createProgress } from '../../cli/progress.ts';
import { resolveCliDso, withRuntime } from '../../cli/runtime.ts';
import { cliActor } from '../../platform/context.ts';
import { importPeople } from './people-import.service.ts';

export function registerPeopleCommands(program: Command, io: CliIo): void {
  const importCommand =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data from files');
  importCommand
    .command('people')
    .description(
      'Import people (workforce) from a CSV file; idempotent by email. Columns are listed in the README.',
    )
    .argument('<file>', 'CSV file with a header row')
    .option('--dry-run', 'check the file and print what would change, without writing')
    .option(
      '--terminate-missing',
      'terminate active people whose email is not in the file (full roster sync)',
    )
    .option('--dso <id>', 'the DSO to import into (needed when several exist)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        options: { dryRun?: boolean; terminateMissing?: boolean; dso?: string; json?: boolean },
      ) => {
        let csv: Buffer;
        try {
          csv = fs.readFileSync(file);
        } catch (error) {
          throw new CommandFailed(
            `Cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
          );
        }
        await withRuntime(io, async ({ deps }) => {
          const dsoId = await resolveCliDso(deps.db, options.dso);
          const check = createProgress(io, 'Checking rows');
          const write = createProgress(io, 'Writing     ');
          try {
            const result = await importPeople(deps, { dsoId, actor: cliActor }, csv, {
              dryRun: Boolean(options.dryRun),
              terminateMissing: Boolean(options.terminateMissing),
              onProgress: (phase, done, total) => (phase === 'check' ? check : write).update(done, total),
            });
            check.stop();
            write.stop();
            if (options.json) return printJson(io, result);
            const { summary } = result;
            io.stdout.write(
              `${result.dryRun ? 'Dry run: would import' : 'Imported'} ${result.rows} rows: ` +
                `${summary.create} to create, ${summary.update} to update, ${summary.terminate} to terminate, ${summary.unchanged} unchanged.\n`,
            );
          } finally {
            check.stop();
            write.stop();
          }
        });
      },
    );
}
