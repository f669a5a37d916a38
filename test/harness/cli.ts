import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../src/cli.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
}

/** Runs `enamel ARGS` in-process with the given environment and captured output. */
export async function cli(
  args: string[],
  env: Record<string, string | undefined>,
  stdin = '',
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const code = await runCli(args, { stdout: sink(out), stderr: sink(err), stdin: input, env, isTty: false });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
