import type { Command } from 'commander';
import type { CliIo } from '../../../cli/io.ts';

/** `enamel phishing templates ...` (templates area). */
export function registerTemplateCommands(_phishing: Command, _io: CliIo): void {}
