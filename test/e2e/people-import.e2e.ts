import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { type EnamelServer, ensureWebBuild, startEnamelServer } from './support/enamel-server.ts';

const practiceName = 'Lakeside Family Dental';
const header = 'email,firstName,lastName,jobRole,practices,hireDate';
const rows = [
  `ana.ruiz@lakeside.example,Ana,Ruiz,hygienist,${practiceName},2023-02-01`,
  `ben.okafor@lakeside.example,Ben,Okafor,dentist,${practiceName},2019-06-15`,
  `chloe.nguyen@lakeside.example,Chloe,Nguyen,front_desk,${practiceName},2024-09-30`,
];
// Line 3 of the file (the header is line 1) carries an address without "@".
const badCsv = [header, rows[0], rows[1]?.replace('@', ' at '), rows[2]].join('\n');
const goodCsv = [header, ...rows].join('\n');

let server: EnamelServer | undefined;
let browser: Browser | undefined;
let page: Page;

/** Optional step screenshots, for looking at the UI: E2E_SCREENSHOT_DIR=/tmp/shots npm run test:e2e */
async function snapshot(name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Picks an option of a searchable Mantine select by typing, then clicking the option. */
async function chooseOption(label: string, search: string, option: string) {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function uploadCsv(csv: string) {
  await page.getByLabel('CSV file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
}

async function openNav(name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('people import journey', () => {
  beforeAll(async () => {
    // Chromium first: a missing browser is the most likely setup problem and the cheapest to report.
    browser = await launchChromium();
    await ensureWebBuild();
    server = await startEnamelServer();
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await snapshot(`failed-${context.task.name.replaceAll(' ', '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up the DSO on first run', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Enamel' }).waitFor();
    await page.getByLabel('DSO name').fill('Bright Smiles Dental Partners');
    const domains = page.getByRole('combobox', { name: 'Email domains' });
    await domains.fill('brightsmiles.example');
    await domains.press('Enter');
    await snapshot('01-setup');
    await page.getByRole('button', { name: 'Create DSO' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('banner').getByText('Bright Smiles Dental Partners').waitFor();
    await snapshot('02-overview-empty');
  });

  it('creates a practice through the form', async () => {
    await openNav('Practices');
    await page.getByRole('link', { name: 'New practice' }).click();
    await page.getByLabel('Practice name').fill(practiceName);
    await page.getByLabel('City').fill('Austin');
    await chooseOption('State', 'TX', 'TX — Texas');
    await chooseOption('Time zone', 'America/Chicago', 'America/Chicago');
    await snapshot('03-practice-form');
    await page.getByRole('button', { name: 'Create practice' }).click();
    await page.getByRole('heading', { level: 1, name: practiceName }).waitFor();
    await snapshot('04-practice-detail');
  });

  it('reports the bad row of a CSV, then imports the fixed file', async () => {
    await openNav('Import people');
    await uploadCsv(badCsv);
    const problems = page.getByRole('table', { name: 'Import problems' });
    await problems.waitFor();
    await snapshot('05-import-problems');
    const emailProblem = problems.getByRole('row').filter({ hasText: 'email' });
    expect(await emailProblem.count()).toBe(1);
    const cells = await emailProblem.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', 'email']);

    await page.getByRole('button', { name: 'Choose another file' }).click();
    await uploadCsv(goodCsv);
    const summary = page.getByRole('table', { name: 'Changes the import will make' });
    await summary.waitFor();
    await snapshot('06-import-dry-run');
    expect(await summary.getByRole('row', { name: 'To create 3' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByRole('table', { name: 'Changes made' }).getByRole('row', { name: 'Created 3' }).waitFor();
    await snapshot('07-import-done');
  });

  it('lists the imported people', async () => {
    await page.getByRole('link', { name: 'Go to People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const table = page.getByRole('table', { name: 'People' });
    for (const name of ['Ana Ruiz', 'Ben Okafor', 'Chloe Nguyen']) {
      await table.getByRole('link', { name }).waitFor();
    }
    expect(await table.getByRole('row').count()).toBe(4);
    await snapshot('08-people');
  });
});
