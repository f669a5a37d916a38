import fs from 'node:fs';
import type { Command } from 'commander';
import { type CliIo, CommandFailed, printJson } from '../../../cli/io.ts';
import { resolveCliDso, withRuntime } from '../../../cli/runtime.ts';
import { cliActor } from '../../../platform/context.ts';
import { importSignalReadings, latestSignals, type SignalSummary } from './signals.service.ts';

function formatValue(value: number | null, unit: string): string {
  if (value === null) return '-';
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

function threshold(signal: SignalSummary): string {
  const worse = signal.direction === 'higher' ? '<' : '>';
  return `warn ${worse} ${signal.warnAt}, fail ${worse} ${signal.failAt}, max age ${signal.maxAgeDays}d`;
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

/** `enamel compliance signals ...` (controls area). */
export function registerSignalCommands(compliance: Command, io: CliIo): void {
  const signals = compliance.command('signals').description('Live signals that feed control status');
  signals
    .command('list')
    .description('List each signal with its latest value, state and thresholds')
    .option('--json', 'print the result as JSON')
    .option('--dso <id>', 'the DSO (needed when several exist)')
    .action((options: { json?: boolean; dso?: string }) =>
      withRuntime(io, async ({ deps }) => {
        const dsoId = await resolveCliDso(deps.db, options.dso);
        const list = await latestSignals(deps, { dsoId, actor: cliActor });
        if (options.json) return printJson(io, { items: list });
        io.stdout.write(
          table(
            ['SIGNAL', 'VALUE', 'STATE', 'OBSERVED', 'THRESHOLDS'],
            list.map((s) => [
              s.id,
              formatValue(s.value, s.unit),
              s.state,
              s.observedAt?.slice(0, 16).replace('T', ' ') ?? '-',
              threshold(s),
            ]),
          ),
        );
      }),
    );
  signals
    .command('import')
    .description('Import readings from CSV with columns signal,practice,value,observedAt (all or nothing)')
    .argument('<file>', 'CSV file with a header row')
    .option('--dso <id>', 'the DSO (needed when several exist)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { dso?: string; json?: boolean }) => {
      let csv: string;
      try {
        csv = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new CommandFailed(
          `Cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
        );
      }
      await withRuntime(io, async ({ deps }) => {
        const dsoId = await resolveCliDso(deps.db, options.dso);
        const result = await importSignalReadings(deps, { dsoId, actor: cliActor }, csv);
        if (options.json) return printJson(io, { imported: result.imported, items: result.readings });
        io.stdout.write(`Imported ${result.imported} signal reading(s).\n`);
      });
    });
}
