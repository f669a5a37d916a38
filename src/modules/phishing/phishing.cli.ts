import type { Command } from 'commander';
import type { CliIo } from '../../cli/io.ts';
import { registerTemplateCommands } from './templates/templates.cli.ts';

export function registerPhishingCommands(program: Command, io: CliIo): void {
  const phishing = program
    .command('phishing')
    .description('Phishing simulations, templates and reported emails');
  registerTemplateCommands(phishing, io);
}
