import type { Command } from 'commander';
import type { CliIo } from '../../../cli/io.ts';

/** `enamel compliance report` (reports area). */
export function registerReportCommands(_compliance: Command, _io: CliIo): void {}
