import { type Command, InvalidArgumentError } from 'commander';
import { type CliIo, printJson } from '../../cli/io.ts';
import { createProgress } from '../../cli/progress.ts';
import { withRuntime } from '../../cli/runtime.ts';
import { createDemo, type DemoSummary } from './demo.service.ts';

export const maxDemoPractices = 1000;

/** A commander parser for a whole number in [min, max]; the error names the option and its range. */
function wholeNumber(option: string, min: number, max: number) {
  return (value: string): number => {
    const number = /^\d{1,10}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`${option} must be a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

export function registerDemoCommands(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('Create a realistic demo DSO (regions, practices, people) in an empty database')
    .option(
      '--practices <n>',
      `number of practices, 1-${maxDemoPractices}`,
      wholeNumber('--practices', 1, maxDemoPractices),
      25,
    )
    .option(
      '--seed <n>',
      'the same seed and size give the same organisation',
      wholeNumber('--seed', 0, 4_294_967_295),
      7,
    )
    .option('--json', 'print the summary as JSON')
    .action(async (options: { practices: number; seed: number; json?: boolean }) => {
      await withRuntime(io, async ({ deps }) => {
        const progress = createProgress(io, 'Writing demo');
        try {
          const summary = await createDemo(
            deps,
            { practices: options.practices, seed: options.seed },
            { onProgress: (done, total) => progress.update(done, total) },
          );
          progress.stop();
          if (options.json) return printJson(io, summary);
          printSummary(io, summary);
        } finally {
          progress.stop();
        }
      });
    });
}

function printSummary(io: CliIo, summary: DemoSummary): void {
  const { active, leave, terminated } = summary.peopleByStatus;
  const lines = [
    `Created the demo DSO "${summary.dso.name}" (id ${summary.dso.id}).`,
    `  practices  ${summary.practices} in ${summary.states.length} states (${summary.states.join(', ')}), ${summary.regions} regions`,
    `  people     ${summary.people} (${active} active, ${leave} on leave, ${terminated} terminated), ${summary.memberships} practice memberships`,
    `  domains    ${summary.dso.domains.join(', ')}`,
    ...Object.entries(summary.extras).map(([key, count]) => `  ${key.padEnd(10)} ${count}`),
    `The same --practices ${summary.practices} --seed ${summary.seed} on an empty database gives the same organisation.`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}
