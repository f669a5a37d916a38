import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type RequestSpec } from 'autocannon';
import { apiTokenPrefix, randomToken, tokenHash } from '../src/modules/identity/identity.tokens.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';

/** Shared pieces for benchmarks: a real server in a child process, load generation and result tables. */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const enamelBin = path.join(root, 'bin', 'enamel.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function createTempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `enamel-bench-${label}-`));
}

/** Environment for a benchmark's Enamel processes: its own data directory, quiet logs, no rate limit. */
export function benchEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ENAMEL_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ENAMEL_RATE_LIMIT: '0', ...extra };
}

/** Keeps the last lines a child printed, to explain a failure without flooding the terminal. */
function tailOf(child: ChildProcess, keep = 40): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join('\n');
}

/** Runs `enamel <args>` to completion and answers its stdout; rejects with its output on a non-zero exit. */
export function runEnamel(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [enamelBin, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`enamel ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}

/**
 * Writes an API token of the DSO straight into the data directory's database (before the server starts) and
 * answers the headers that authenticate with it. Benchmarks measure requests, not the sign-in flow.
 */
export async function createApiToken(
  dataDir: string,
  dsoId: string,
  scopes: readonly string[],
): Promise<Record<string, string>> {
  const database = createDatabase({ dataDir });
  try {
    await migrateToLatest(database.db);
    const secret = `${apiTokenPrefix}${randomToken()}`;
    const now = new Date();
    await database.db
      .insertInto('apiTokens')
      .values({
        id: newId(),
        dsoId,
        name: 'benchmark',
        tokenHash: tokenHash(secret),
        scopes: JSON.stringify(scopes),
        createdBy: null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      })
      .execute();
    return { authorization: `Bearer ${secret}` };
  } finally {
    await database.close();
  }
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number | undefined;
  /** SIGTERM, then waits for a graceful exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/**
 * Starts `enamel serve` as a child process, so the server and the load generator run on separate cores,
 * and waits until /healthz answers.
 */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<RunningServer> {
  const port = await freePort();
  // BENCH_CPU_PROFILE=DIR writes the server's CPU profile there when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, enamelBin, 'serve'], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = tailOf(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitHealthy(url, timeoutMs, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nserver output:\n${tail()}`);
  }
  return { url, pid: child.pid, stop };
}

export async function waitHealthy(url: string, timeoutMs: number, hasExited: () => boolean = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the server exited before it was healthy');
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms`);
}

// Load ----------------------------------------------------------------------------------------------

export interface LoadOptions {
  readonly url: string;
  /** Paths to request in turn, one per request (a single path repeats). */
  readonly paths: readonly string[];
  readonly seconds: number;
  readonly connections: number;
  readonly headers?: Record<string, string>;
}

export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Latency percentiles in ms, exact over every 2xx response (not histogram buckets). */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** The value at or below which `p` percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Runs autocannon in this process for a fixed duration and measures every response's latency. */
export function load(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const requests: RequestSpec[] = [
    {
      method: 'GET',
      setupRequest: (request) => ({
        ...request,
        path: options.paths[next++ % options.paths.length] as string,
      }),
    },
  ];
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        requests,
        ...(options.headers ? { headers: options.headers } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          requests: latencies.length,
          requestsPerSecond: latencies.length / result.duration,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? Number.NaN,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

// Output ----------------------------------------------------------------------------------------------

export function formatMs(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '-';
}

/** Prints rows as an aligned text table, numbers right-aligned. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const numeric = headers.map((_, i) => rows.every((row) => /^[\d.,-]+$/.test(row[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Runs `work` and answers its result with the elapsed seconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/**
 * A benchmark's numeric options (`--name value`) with their defaults; a camelCase key is the kebab-case flag
 * (`crashSeconds` is `--crash-seconds`). A value that is not a number is refused, naming the flag.
 */
export function numberOptions<T extends Record<string, number>>(args: string[], defaults: T): T {
  const flag = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const keys = Object.keys(defaults);
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(
      keys.map((key) => [flag(key), { type: 'string' as const, default: String(defaults[key]) }]),
    ),
  });
  return Object.fromEntries(
    keys.map((key) => {
      const value = Number(values[flag(key)]);
      if (!Number.isFinite(value)) throw new Error(`--${flag(key)} must be a number.`);
      return [key, value];
    }),
  ) as T;
}
