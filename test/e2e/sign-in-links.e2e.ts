import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { type EnamelServer, ensureWebBuild, startEnamelServer } from './support/enamel-server.ts';

let server: EnamelServer | undefined;
let browser: Browser | undefined;
let page: Page;

async function snapshot(name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

describe('sign-in page: emailed links', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    await ensureWebBuild();
    server = await startEnamelServer();
    // The sign-in page sends a fresh server to first-run setup: create the DSO through the API.
    const setup = await fetch(`${server.baseUrl}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        dsoName: 'Harbor Dental Group',
        displayName: 'Rosa Lindqvist',
        email: 'rosa.lindqvist@harbordental.example',
        password: 'free-tide-pool-lantern-42',
      }),
    });
    expect(setup.status).toBe(201);
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers a password reset link and answers alike for any address', async () => {
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await snapshot('links-01-sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    const form = page.getByRole('form', { name: 'Reset password' });
    await form.getByRole('textbox', { name: 'Email' }).fill('nobody@harbordental.example');
    await form.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'valid 30 minutes' }).waitFor();
    await snapshot('links-02-reset-sent');
  });

  it('offers staff a sign-in link', async () => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Email me a sign-in link' }).click();
    const form = page.getByRole('form', { name: 'Email me a sign-in link' });
    await form.getByRole('textbox', { name: 'Email' }).fill('front.desk@harbordental.example');
    await form.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('status').filter({ hasText: 'valid 15 minutes' }).waitFor();
    await snapshot('links-03-magic-sent');
  });

  it('explains a refused single sign-on from the error code in the URL', async () => {
    await page.goto('/sign-in?error=SSO_NO_ROLE');
    await page.getByRole('alert').filter({ hasText: 'No access to Enamel yet' }).waitFor();
  });

  it('says a bad reset link cannot be used, and drops the token from the address', async () => {
    await page.goto('/reset-password#badtoken');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await page.getByLabel(/^New password/).fill('quiet-harbor-lantern-7');
    await page.getByLabel(/^Repeat the password/).fill('quiet-harbor-lantern-7');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'This link cannot be used' }).waitFor();
    await page.getByRole('link', { name: 'Request a new reset link' }).waitFor();
    await snapshot('links-04-reset-invalid');
  });
});
