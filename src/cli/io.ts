import type { Writable } from 'node:stream';
import { AppError, isAppError } from '../platform/errors.ts';

/** Where a command reads and writes; tests pass buffers, the bin passes the process streams. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal: progress bars only then. */
  readonly isTty: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTty: Boolean(process.stderr.isTTY),
  };
}

/** A command's failure: printed as code, message and locations; exit code 1. */
export class CommandFailed extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints an error to stderr the way every command does: code, message, then each issue with its location. */
export function printError(io: CliIo, error: unknown, json: boolean): void {
  const appError = isAppError(error) ? error : undefined;
  if (json && appError) {
    io.stderr.write(
      `${JSON.stringify({ error: { code: appError.code, message: appError.message, issues: appError.issues } })}\n`,
    );
    return;
  }
  if (appError) {
    io.stderr.write(`error ${appError.code}: ${appError.message}\n`);
    for (const issue of appError.issues.slice(0, 200)) {
      const where = [
        issue.file,
        issue.line !== undefined ? `line ${issue.line}` : undefined,
        issue.column !== undefined && issue.column !== '' ? `column ${issue.column}` : undefined,
        issue.path ? issue.path.join('.') : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      io.stderr.write(`  ${where}: ${issue.code}: ${issue.message}\n`);
    }
    if (appError.issues.length > 200) io.stderr.write(`  ... and ${appError.issues.length - 200} more\n`);
    return;
  }
  io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
}

export { AppError };
