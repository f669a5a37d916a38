import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../harness/postgres.global.ts';

async function waitHealthy(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

describe('enamel serve', () => {
  it('migrates, listens on loopback, and shuts down gracefully on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-serve-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/enamel.js', 'serve'], {
      env: {
        PATH: process.env.PATH,
        ENAMEL_DATA_DIR: dir,
        PORT: String(port),
        ENAMEL_WEB_DIR: dir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, () => output);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(fs.existsSync(path.join(dir, 'enamel.db'))).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.every((line) => typeof line.level === 'number' && typeof line.time === 'string')).toBe(true);
    expect(lines.some((line) => typeof line.requestId === 'string')).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
