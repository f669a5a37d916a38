import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { type EnamelServer, ensureWebBuild, startEnamelServer } from './enamel-server.ts';

/** A browser, a fresh Enamel server and one page on it: what every journey starts from. */
export interface Journey {
  readonly browser: Browser;
  readonly server: EnamelServer;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function startJourney(options: { acceptDownloads?: boolean } = {}): Promise<Journey> {
  // Chromium first: a missing browser is the most likely setup problem and the cheapest to report.
  const browser = await launchChromium();
  await ensureWebBuild();
  const server = await startEnamelServer();
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return {
    browser,
    server,
    context,
    page,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** Optional step screenshots, for looking at the UI: E2E_SCREENSHOT_DIR=/tmp/shots npm run test:e2e */
export async function snapshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** A form field by its label, which ends with " *" when the field is required. */
export function field(within: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return within.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Picks an option of a searchable Mantine select by typing, then clicking the option. */
export async function chooseOption(page: Page, label: string, search: string, option: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Follows a link of the main navigation and waits for the page's heading, which may differ from the link. */
export async function openNav(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

export interface FirstAdmin {
  readonly dsoName: string;
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
}

/**
 * First-run setup through the UI: the DSO and its administrator, the authenticator app, the recovery codes.
 * Answers the TOTP secret, for the codes of later sign-ins.
 */
export async function setUpFirstAdmin(page: Page, admin: FirstAdmin): Promise<string> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Welcome to Enamel' }).waitFor();
  await field(page, 'DSO name').fill(admin.dsoName);
  await field(page, 'Your name').fill(admin.displayName);
  await field(page, 'Email').fill(admin.email);
  await field(page, 'Password').fill(admin.password);
  await page.getByRole('button', { name: 'Create DSO and administrator' }).click();
  await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
  const secret = await field(page, 'Setup key').inputValue();
  await field(page, '6-digit code').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  return secret;
}

/** A change through the API as an integration would make it: the session's cookie plus its CSRF token. */
export async function postAsSession(page: Page, url: string, data: object): Promise<unknown> {
  const me = await page.request.get('/api/v1/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.post(url, { headers: { 'x-csrf-token': csrfToken }, data });
  if (response.status() >= 300)
    throw new Error(`${url} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}
