import { join } from 'node:path';
import { generate } from 'otplib';
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

const admin = {
  dsoName: 'Bright Smiles Dental Partners',
  displayName: 'Dana Whitfield',
  email: 'dana.whitfield@brightsmiles.example',
  password: 'molar-copper-lantern-88',
};
/** The TOTP secret read from the enrolment page, for the codes of later sign-ins. */
let totpSecret = '';

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

/** A form field by its label, which ends with " *" when the field is required. */
function field(label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
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

  it('sets up the DSO and its administrator on first run, with MFA', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Enamel' }).waitFor();
    await field('DSO name').fill(admin.dsoName);
    await field('Your name').fill(admin.displayName);
    await field('Email').fill(admin.email);
    await field('Password').fill(admin.password);
    await snapshot('01-setup');
    await page.getByRole('button', { name: 'Create DSO and administrator' }).click();

    await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    totpSecret = await field('Setup key').inputValue();
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await snapshot('02-mfa-enrol');
    await field('6-digit code').fill(await generate({ secret: totpSecret }));
    await page.getByRole('button', { name: 'Confirm' }).click();

    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
    await snapshot('03-recovery-codes');
    await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('banner').getByText(admin.dsoName).waitFor();
    await snapshot('04-overview-empty');
  });

  it('creates a practice through the form', async () => {
    await openNav('Practices');
    await page.getByRole('link', { name: 'New practice' }).click();
    await page.getByLabel('Practice name').fill(practiceName);
    await page.getByLabel('City').fill('Austin');
    await chooseOption('State', 'TX', 'TX — Texas');
    await chooseOption('Time zone', 'America/Chicago', 'America/Chicago');
    await snapshot('05-practice-form');
    await page.getByRole('button', { name: 'Create practice' }).click();
    await page.getByRole('heading', { level: 1, name: practiceName }).waitFor();
    await snapshot('06-practice-detail');
  });

  it('reports the bad row of a CSV, then imports the fixed file', async () => {
    await openNav('Import people');
    await uploadCsv(badCsv);
    const problems = page.getByRole('table', { name: 'Import problems' });
    await problems.waitFor();
    await snapshot('07-import-problems');
    const emailProblem = problems.getByRole('row').filter({ hasText: 'email' });
    expect(await emailProblem.count()).toBe(1);
    const cells = await emailProblem.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', 'email']);

    await page.getByRole('button', { name: 'Choose another file' }).click();
    await uploadCsv(goodCsv);
    const summary = page.getByRole('table', { name: 'Changes the import will make' });
    await summary.waitFor();
    await snapshot('08-import-dry-run');
    expect(await summary.getByRole('row', { name: 'To create 3' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByRole('table', { name: 'Changes made' }).getByRole('row', { name: 'Created 3' }).waitFor();
    await snapshot('09-import-done');
  });

  it('lists the imported people', async () => {
    await page.getByRole('link', { name: 'Go to People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const table = page.getByRole('table', { name: 'People' });
    for (const name of ['Ana Ruiz', 'Ben Okafor', 'Chloe Nguyen']) {
      await table.getByRole('link', { name }).waitFor();
    }
    expect(await table.getByRole('row').count()).toBe(4);
    await snapshot('10-people');
  });

  it('signs out, signs in again with a password and a TOTP code', async () => {
    await page.getByRole('button', { name: `Account menu for ${admin.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await field('Email').fill(admin.email);
    await field('Password').fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await snapshot('11-sign-in-error');

    await field('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    // The enrolment code's time step cannot be used again (RFC 6238 5.2): take the next step's code,
    // which the server accepts within its one-step tolerance.
    await field('Authentication code').fill(
      await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }),
    );
    await snapshot('12-mfa-challenge');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  it('shows the practice creation and the import in the audit log', async () => {
    await openNav('Audit log');
    const table = page.getByRole('table', { name: 'Audit entries' });
    await table.waitFor();
    for (const action of ['practices.create', 'people.import']) {
      await table.getByRole('row').filter({ hasText: action }).first().waitFor();
    }
    await snapshot('13-audit-log');

    await table
      .getByRole('row')
      .filter({ hasText: 'practices.create' })
      .getByRole('button', { name: /Details/ })
      .click();
    const drawer = page.getByRole('dialog', { name: 'Audit entry' });
    await drawer.getByText('Hash (SHA-256)').waitFor();
    expect(await drawer.getByText(/^[0-9a-f]{64}$/).count()).toBe(2);
    await snapshot('14-audit-entry');
    await page.keyboard.press('Escape');

    const action = page.getByRole('searchbox', { name: 'Action' });
    await action.fill('people.*');
    await table.getByRole('row').filter({ hasText: 'practices.create' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toContain(
      'action=people.*',
    );
  });

  it('adds a user with a one-time setup link, and lists the sessions on the profile', async () => {
    await openNav('Users & access');
    await page.getByRole('table', { name: 'Users' }).getByRole('cell', { name: admin.email }).waitFor();
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('omar.haddad@brightsmiles.example');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Omar Haddad');
    await snapshot('15-add-user');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    const link = page.getByRole('dialog', { name: 'Hand over the setup link' });
    expect(await link.getByRole('textbox', { name: 'Setup link' }).inputValue()).toMatch(
      /\/setup-link#.{20,}$/,
    );
    await snapshot('16-setup-link');
    await link.getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('table', { name: 'Users' })
      .getByRole('cell', { name: 'Omar Haddad', exact: true })
      .waitFor();
    await snapshot('17-users');

    await openNav('Profile');
    await page.getByRole('table', { name: 'Active sessions' }).getByText('This session').waitFor();
    await snapshot('18-profile');
    // A phone-sized screen: the navigation folds behind the menu button.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await snapshot('19-profile-phone');
  });

  it('adds a single sign-on provider and shows the redirect URI to register', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openNav('Users & access');
    await page.getByRole('tab', { name: 'SSO providers' }).click();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add SSO provider' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Bright Smiles Microsoft');
    await dialog
      .getByRole('textbox', { name: 'Issuer URL' })
      .fill('https://login.microsoftonline.com/7d3c1a52-5e0b-4f0e-9a8e-2b1f4c6d9e10/v2.0');
    await dialog.getByRole('textbox', { name: 'Client ID' }).fill('0b6f9a3e-8c2d-4e1f-a7b5-3c9d2e1f0a4b');
    await dialog.getByLabel(/^Client secret/).fill('not-a-real-secret-value');
    const domains = dialog.getByLabel(/^Allowed email domains/);
    await domains.fill('brightsmiles.example');
    await domains.press('Enter');
    await dialog.getByRole('button', { name: 'Add mapping' }).click();
    await dialog.getByRole('textbox', { name: 'Group 1' }).fill('1f2e3d4c-0000-4000-8000-00000000a003');
    await snapshot('20-sso-provider-form');
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    const registered = page.getByRole('dialog', { name: 'Register the redirect URI' });
    expect(await registered.getByRole('textbox', { name: 'Redirect URI' }).inputValue()).toMatch(
      /\/api\/v1\/auth\/sso\/[0-9a-f-]{36}\/callback$/,
    );
    await snapshot('21-sso-redirect-uri');
    await registered.getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('table', { name: 'SSO providers' })
      .getByRole('cell', { name: 'Bright Smiles Microsoft', exact: true })
      .waitFor();
    await snapshot('22-sso-providers');
  });
});
