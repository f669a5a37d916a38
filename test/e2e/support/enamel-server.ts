import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface EnamelServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** A port nobody listens on right now (the server is not guaranteed to accept PORT=0). */
async function findFreePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`)),
    );
  });
}

/** The newest modification time of the web app's sources. */
async function newestSourceTime(): Promise<number> {
  const sources = [join(repoRoot, 'web/index.html'), join(repoRoot, 'web/vite.config.ts')];
  const entries = await readdir(join(repoRoot, 'web/src'), { recursive: true, withFileTypes: true });
  for (const entry of entries) if (entry.isFile()) sources.push(join(entry.parentPath, entry.name));
  const times = await Promise.all(sources.map(async (file) => (await stat(file)).mtimeMs));
  return Math.max(...times);
}

/** Builds the web app unless web/dist holds a build newer than every source file. */
export async function ensureWebBuild(): Promise<void> {
  const built = join(repoRoot, 'web/dist/index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= (await newestSourceTime())) return;
  await run('npx', ['vite', 'build', '--config', 'web/vite.config.ts']);
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The Enamel server exited with code ${child.exitCode} before answering:\n${output()}`);
    }
    if (await isHealthy(baseUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `GET ${baseUrl}/healthz did not answer 200 within ${timeoutMs} ms. Server output:\n${output()}`,
  );
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `node bin/enamel.js serve` on a fresh data directory and waits until /healthz answers. */
export async function startEnamelServer(timeoutMs = 60_000): Promise<EnamelServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'enamel-e2e-'));
  const port = await findFreePort();
  const child = spawn(process.execPath, ['bin/enamel.js', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ENAMEL_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => output, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
