import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { type CliIo, CommandFailed, printJson } from '../../../cli/io.ts';
import { createProgress } from '../../../cli/progress.ts';
import { resolveCliDso, withRuntime } from '../../../cli/runtime.ts';
import { cliActor } from '../../../platform/context.ts';
import { reportCsvLines } from './report.csv.ts';
import type { ReportData } from './report.data.ts';
import { writeReportPdf } from './report.pdf.ts';
import { type ReportFormat, reportFormats } from './reports.schema.ts';
import { loadReport } from './reports.service.ts';

interface ReportOptions {
  format: ReportFormat;
  out: string;
  dso?: string;
  json?: boolean;
}

/** Opens the output first, so an unwritable path fails before any work, naming the path. */
async function openOutput(file: string): Promise<fs.WriteStream> {
  const stream = fs.createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  }).catch((error: unknown) => {
    throw new CommandFailed(
      `Cannot write "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
    );
  });
  return stream;
}

async function writeReport(data: ReportData, format: ReportFormat, out: fs.WriteStream): Promise<void> {
  if (format === 'pdf') return writeReportPdf(data, out);
  for (const line of reportCsvLines(data)) {
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

/** `enamel compliance report`: the risk-analysis report as a PDF or CSV file. */
export function registerReportCommands(compliance: Command, io: CliIo): void {
  compliance
    .command('report')
    .description('Write the HIPAA security risk-analysis report (scores, risks, remediation plan) to a file')
    .addOption(new Option('--format <format>', 'pdf or csv').choices(reportFormats).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write')
    .option('--dso <id>', 'the DSO, when the database holds several')
    .option('--json', 'print a summary as JSON')
    .action((options: ReportOptions) =>
      withRuntime(io, async ({ deps }) => {
        const dsoId = await resolveCliDso(deps.db, options.dso);
        const out = await openOutput(options.out);
        const progress = createProgress(io, 'Writing report');
        try {
          progress.update(0, 3);
          const data = await loadReport(deps, { dsoId, actor: cliActor });
          progress.update(1, 3);
          await writeReport(data, options.format, out);
          progress.update(3, 3);
          progress.stop();
          const summary = {
            file: options.out,
            format: options.format,
            bytes: fs.statSync(options.out).size,
            dso: data.dso.name,
            generatedAt: data.generatedAt,
            practices: data.content.practices.length,
            risks: data.content.risks.length,
            tasks: data.content.tasks.length,
            contentSha256: data.contentSha256,
            signedOff: data.signOff.latest?.signedAt ?? null,
            changedSinceSignOff: data.signOff.changedSinceSignOff,
          };
          if (options.json) return printJson(io, summary);
          const signed =
            data.signOff.latest === null
              ? 'not yet signed off'
              : `signed off ${data.signOff.latest.signedAt.slice(0, 10)} by ${data.signOff.latest.signerName}` +
                (data.signOff.changedSinceSignOff ? ', changed since sign-off' : ', unchanged since');
          io.stdout.write(
            `Wrote ${summary.file} (${summary.format}, ${summary.bytes} bytes): ${summary.practices} practice(s), ` +
              `${summary.risks} open risk(s), ${summary.tasks} task(s); ${signed}.\n`,
          );
        } catch (error) {
          out.destroy();
          throw error;
        } finally {
          progress.stop();
        }
      }),
    );
}
