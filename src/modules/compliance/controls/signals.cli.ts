import type { Command } from 'commander';
import type { CliIo } from '../../../cli/io.ts';

/** `enamel compliance signals ...` (controls area). */
export function registerSignalCommands(_compliance: Command, _io: CliIo): void {}
