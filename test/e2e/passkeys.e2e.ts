import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { ensureWebBuild, repoRoot } from './support/enamel-server.ts';

const admin = {
  dsoName: 'Northshore Dental Partners',
  displayName: 'Imani Castellanos',
  email: 'imani.castellanos@northshore.example',
  password: 'amber-orchard-compass-61',
};

let browser: Browser | undefined;
let page: Page;
let child: ChildProcess | undefined;
let dataDir = '';
let baseUrl = '';

async function snapshot(name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

function field(label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

async function freePort(): Promise<number> {
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

/**
 * WebAuthn needs a domain as relying party id (an IP address is refused), so this journey serves on
 * 127.0.0.1 and browses http://localhost:<port>, with ENAMEL_PUBLIC_URL set to that exact origin.
 */
async function startServer(): Promise<void> {
  dataDir = await mkdtemp(join(tmpdir(), 'enamel-e2e-passkeys-'));
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  let output = '';
  child = spawn(process.execPath, ['bin/enamel.js', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ENAMEL_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ENAMEL_PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer /healthz within 60 s:\n${output}`);
}

async function stopServer(): Promise<void> {
  const running = child;
  if (running && running.exitCode === null && running.signalCode === null) {
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => running.kill('SIGKILL'), 5_000);
      running.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      running.kill('SIGTERM');
    });
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

describe('passkeys journey', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    await ensureWebBuild();
    await startServer();
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await snapshot(`failed-${context.task.name.replaceAll(' ', '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await stopServer();
  });

  it('sets up the DSO and its administrator, with MFA', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Enamel' }).waitFor();
    await field('DSO name').fill(admin.dsoName);
    await field('Your name').fill(admin.displayName);
    await field('Email').fill(admin.email);
    await field('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Create DSO and administrator' }).click();
    await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    const secret = await field('Setup key').inputValue();
    await field('6-digit code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  it('adds a passkey on the profile page', async () => {
    await page.goto('/profile');
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
    await page.getByText('No passkeys yet.').waitFor();
    await field('Passkey name').fill('Front office laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    const table = page.getByRole('table', { name: 'Passkeys' });
    await table.getByText('Front office laptop').waitFor();
    await snapshot('passkeys-01-added');
  });

  it('signs out, then signs in with the passkey alone', async () => {
    await page.getByRole('button', { name: `Account menu for ${admin.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('banner').getByText(admin.dsoName).waitFor();
    await snapshot('passkeys-02-signed-in');
    const sessions = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/auth/sessions')).json()) as {
          items: { current: boolean; method: string }[];
        },
    );
    expect(sessions.items.find((session) => session.current)?.method).toBe('passkey');
  });

  it('shows when the passkey was last used', async () => {
    await page.goto('/profile');
    const row = page
      .getByRole('table', { name: 'Passkeys' })
      .getByRole('row', { name: /Front office laptop/ });
    await row.waitFor();
    expect(await row.getByText('Never').count()).toBe(0);
  });

  it('answers the MFA step of a password sign-in with the passkey', async () => {
    await page.getByRole('button', { name: `Account menu for ${admin.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const form = page.getByRole('form', { name: 'Sign in' });
    await field('Email').fill(admin.email);
    await form.getByLabel(/^Password/).fill(admin.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });
});
