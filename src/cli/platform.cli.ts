import path from 'node:path';
import type { Command } from 'commander';
import { serve } from '../main.ts';
import { configVariables, loadConfig } from '../platform/config.ts';
import { backupSqlite, restoreSqlite } from '../platform/db/backup.ts';
import { createDatabase, sqliteFileName } from '../platform/db/database.ts';
import { migrateToLatest, migrationStatus } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { type CliIo, CommandFailed, printJson } from './io.ts';
import { createProgress } from './progress.ts';
import { withRuntime } from './runtime.ts';

export function registerPlatformCommands(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the Enamel server (API and web app); what `npm start` runs')
    .action(() => serve(io));

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .option('--status', 'list applied and pending migrations without applying any')
    .option('--json', 'print JSON')
    .action(async (options: { status?: boolean; json?: boolean }) => {
      await withRuntime(
        io,
        async ({ database }) => {
          if (options.status) {
            const list = await migrationStatus(database.db);
            if (options.json) return printJson(io, { dialect: database.dialect, migrations: list });
            for (const m of list)
              io.stdout.write(
                `${m.appliedAt ? 'applied' : 'pending'}  ${m.name}${m.appliedAt ? `  ${m.appliedAt}` : ''}\n`,
              );
            return;
          }
          const applied = await migrateToLatest(database.db);
          if (options.json) return printJson(io, { dialect: database.dialect, applied });
          io.stdout.write(
            applied.length ? `Applied ${applied.join(', ')}.\n` : 'The database is up to date.\n',
          );
        },
        false,
      );
    });

  program
    .command('config')
    .description('Configuration')
    .command('check')
    .description('Validate the environment variables and print the effective configuration')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const config = loadConfig(io.env);
      const shown = {
        ...config,
        databaseUrl: config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@]*@/, '//***@') : null,
      };
      if (options.json) return printJson(io, { ok: true, config: shown, variables: configVariables });
      io.stdout.write('Configuration is valid:\n');
      for (const [key, value] of Object.entries(shown)) io.stdout.write(`  ${key} = ${String(value)}\n`);
    });

  program
    .command('backup')
    .description('Write a consistent copy of the SQLite database to FILE while the server keeps running')
    .argument('<file>', 'the backup file to create')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      await withRuntime(io, async ({ database }) => {
        const progress = createProgress(io, 'Backing up');
        try {
          const info = await backupSqlite(database, file, (done, total) => progress.update(done, total));
          progress.stop();
          if (options.json) return printJson(io, info);
          io.stdout.write(`Backup written to ${info.file} (${info.bytes} bytes, schema ${info.schema}).\n`);
        } finally {
          progress.stop();
        }
      });
    });

  program
    .command('restore')
    .description('Replace the SQLite database with a backup (stop the server first); refuses a newer schema')
    .argument('<file>', 'a file written by `enamel backup`')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const config = loadConfig(io.env);
      if (config.databaseUrl) {
        throw new AppError(
          'BACKUP_INVALID',
          'enamel restore writes the embedded SQLite database; on PostgreSQL use pg_restore (see README).',
        );
      }
      const target = path.join(config.dataDir, sqliteFileName);
      const result = restoreSqlite(path.resolve(file), target);
      const handle = createDatabase(config);
      try {
        const applied = await migrateToLatest(handle.db);
        if (options.json)
          return printJson(io, { restored: target, schema: result.schema, migrated: applied });
        io.stdout.write(`Restored ${target} from ${file} (schema ${result.schema}).\n`);
        if (applied.length) io.stdout.write(`Then applied ${applied.join(', ')}.\n`);
      } catch (error) {
        throw new CommandFailed(`Restored, but migrating failed: ${(error as Error).message}`);
      } finally {
        await handle.close();
      }
    });
}
