import type { Command } from 'commander';
import type { CliIo } from '../../cli/io.ts';
// Encrypted columns register where they are defined: loading them here lets `enamel keys rotate` re-encrypt them.
import './reporting/report-mailbox.service.ts';
import './results/webhooks.service.ts';
import './sending/profile-secrets.ts';
import { registerReportingCommands } from './reporting/reporting.cli.ts';
import { registerTemplateCommands } from './templates/templates.cli.ts';

export function registerPhishingCommands(program: Command, io: CliIo): void {
  const phishing = program
    .command('phishing')
    .description('Phishing simulations, templates and reported emails');
  registerTemplateCommands(phishing, io);
  registerReportingCommands(phishing, io);
}
