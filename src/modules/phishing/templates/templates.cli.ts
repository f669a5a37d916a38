import type { Command } from 'commander';
import { type CliIo, printJson } from '../../../cli/io.ts';
import { resolveCliDso, withRuntime } from '../../../cli/runtime.ts';
import { cliActor } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { builtinSummaries } from './templates.present.ts';
import { type ListTemplatesQuery, listTemplatesQuery, type TemplateSummary } from './templates.schema.ts';
import { listTemplates } from './templates.service.ts';

interface Options {
  json?: boolean;
  category?: string;
  difficulty?: string;
  dso?: string;
}

function queryOf(options: Options): ListTemplatesQuery {
  const parsed = listTemplatesQuery.safeParse({
    ...(options.category === undefined ? {} : { category: options.category }),
    ...(options.difficulty === undefined ? {} : { difficulty: options.difficulty }),
  });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    code: issue.code,
    message: `--${String(issue.path[0])}: ${issue.message}`,
  }));
  throw new AppError('VALIDATION_FAILED', issues[0]?.message ?? 'invalid option', issues);
}

function printTable(io: CliIo, items: readonly TemplateSummary[]): void {
  const rows = items.map((item) => [item.id, item.category, '*'.repeat(item.difficulty), item.name]);
  const header = ['ID', 'CATEGORY', 'DIFFICULTY', 'NAME'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  for (const row of [header, ...rows]) {
    io.stdout.write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

/** `enamel phishing templates ...` (templates area). */
export function registerTemplateCommands(phishing: Command, io: CliIo): void {
  phishing
    .command('templates')
    .description("List the phishing template library (built-in lures, and a DSO's own with --dso)")
    .option('--json', 'print the list as JSON')
    .option(
      '--category <category>',
      'only this category (patient-intake, payer, regulator, association, vendor, finance-hr, it)',
    )
    .option('--difficulty <n>', 'only this difficulty, 1 (easy to spot) to 5 (hard)')
    .option('--dso <id>', "include this DSO's own templates")
    .action(async (options: Options) => {
      const query = queryOf(options);
      const items =
        options.dso === undefined
          ? builtinSummaries().filter(
              (item) =>
                (query.category === undefined || item.category === query.category) &&
                (query.difficulty === undefined || item.difficulty === query.difficulty),
            )
          : await withRuntime(io, async ({ deps }) => {
              const dsoId = await resolveCliDso(deps.db, options.dso);
              return (await listTemplates(deps, { dsoId, actor: cliActor }, query)).items;
            });
      if (options.json) return printJson(io, { items });
      printTable(io, items);
    });
}
