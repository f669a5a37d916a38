import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  field as fieldOf,
  type Journey,
  openNav as openNavOf,
  postAsSession,
  setUpFirstAdmin,
  startJourney,
  snapshot as takeSnapshot,
} from './support/journey.ts';

const admin = {
  dsoName: 'Cedar Ridge Dental Partners',
  displayName: 'Marisol Ortega',
  email: 'marisol.ortega@cedarridge.example',
  password: 'cedar-birch-lantern-57',
};
const practiceName = 'Cedar Ridge Family Dental';
const staff = [
  { firstName: 'Ana', lastName: 'Ruiz', email: 'ana.ruiz@cedarridge.example', jobRole: 'hygienist' },
  { firstName: 'Ben', lastName: 'Okafor', email: 'ben.okafor@cedarridge.example', jobRole: 'front_desk' },
  { firstName: 'Chloe', lastName: 'Nguyen', email: 'chloe.nguyen@cedarridge.example', jobRole: 'billing' },
];
/** A built-in lure of difficulty 5, and one of its red flags. */
const lure = 'Vendor: dental lab case delayed';
const lureRedFlag = 'A fake reply thread';
const profileName = 'Practice relay (test)';
const campaignName = 'Q1 baseline: lab and payer lures';

let journey: Journey | undefined;
let page: Page;

const snapshot = (name: string) => takeSnapshot(page, `phishing-${name}`);
const field = (label: string, within: Page | Locator = page) => fieldOf(within, label);
const openNav = (link: string, heading = link) => openNavOf(page, link, heading);
const postThroughApi = async (url: string, data: object) =>
  (await postAsSession(page, url, data)) as { id: string };

/** `YYYY-MM-DDTHH:MM` a number of days ahead at 08:00 in the browser's zone, as `datetime-local` takes it. */
function launchInput(offsetDays: number): string {
  const day = new Date(Date.now() + offsetDays * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T08:00`;
}

async function nextStep() {
  await page.getByRole('button', { name: 'Next', exact: true }).click();
}

describe('phishing simulation journey', () => {
  beforeAll(async () => {
    journey = await startJourney();
    page = journey.page;
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await snapshot(`failed-${context.task.name.replaceAll(' ', '-')}`);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('sets up the DSO with MFA, a practice and its staff', async () => {
    await setUpFirstAdmin(page, admin);

    const practice = await postThroughApi('/api/v1/practices', {
      name: practiceName,
      city: 'Boise',
      state: 'ID',
      timeZone: 'America/Boise',
    });
    for (const person of staff)
      await postThroughApi('/api/v1/people', { ...person, practiceIds: [practice.id] });
  });

  it('filters the built-in lures by difficulty and shows the red flags of one', async () => {
    await openNav('Templates', 'Phishing templates');
    const table = page.getByRole('table', { name: 'Phishing templates' });
    await table.getByRole('button', { name: lure }).waitFor();
    expect(await table.getByText('Built-in', { exact: true }).count()).toBeGreaterThan(2);

    // The stars' radio inputs are visually hidden: click the star's label, as a person would.
    const five = page.getByLabel('Only this difficulty').getByRole('radio', { name: '5', exact: true });
    await page.locator(`label[for="${await five.getAttribute('id')}"]`).click();
    await page.getByRole('button', { name: 'Any difficulty' }).waitFor();
    // An easy lure leaves, then the other built-in of difficulty 5 shows: the list is the filtered one.
    await table
      .getByRole('button', { name: 'Payer: Explanation of Benefits ready in claim portal' })
      .waitFor({ state: 'detached' });
    await table.getByRole('button', { name: 'IT: practice-management cloud reconnection' }).waitFor();
    const stars = table.getByLabel(/^Difficulty \d of 5/);
    expect(await stars.count()).toBe(await table.getByLabel(/^Difficulty 5 of 5/).count());
    await snapshot('01-templates-difficulty-5');

    await table.getByRole('button', { name: lure }).click();
    await page.getByRole('link', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: lure }).waitFor();
    await page.getByRole('list', { name: 'Red flags' }).getByText(lureRedFlag, { exact: true }).waitFor();
    await snapshot('02-template-red-flags');
  });

  it('adds a sending profile', async () => {
    await openNav('Sending profiles');
    await page.getByText('No sending profile yet.').waitFor();
    await page.getByRole('button', { name: 'Add profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add sending profile' });
    await field('Name', dialog).fill(profileName);
    await field('SMTP URL', dialog).fill('smtp://127.0.0.1:2525');
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Sending profiles' }).getByRole('row').filter({
      hasText: profileName,
    });
    await row.getByText('127.0.0.1:2525').waitFor();
    await snapshot('03-sending-profile');
  });

  it('creates a campaign through the wizard and opens its empty results', async () => {
    await openNav('Campaigns', 'Phishing simulations');
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { level: 1, name: 'New campaign' }).waitFor();

    await field('Campaign name').fill(campaignName);
    await nextStep();
    await page.getByRole('checkbox', { name: `Use ${lure}` }).check();
    await page.getByText('1 chosen.').waitFor();
    await nextStep();

    await page.getByRole('combobox', { name: 'Practices' }).click();
    await page.getByRole('option', { name: practiceName, exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: `${staff.length} recipients` }).waitFor();
    await nextStep();

    await field('Launch').fill(launchInput(7));
    await nextStep();
    await page.getByRole('combobox', { name: 'Sending profile' }).click();
    await page.getByRole('option', { name: profileName, exact: true }).click();
    await nextStep();

    await page.getByRole('heading', { name: 'Email preview' }).waitFor();
    await page.getByTitle('Preview of the email for a sample recipient').waitFor();
    await page.getByText(/^To: .+@cedarridge\.example$/).waitFor();
    await snapshot('04-wizard-review');
    await page.getByRole('button', { name: 'Create campaign' }).click();

    await page.waitForURL(/\/phishing\/campaigns\/(?!new)[^/]+$/);
    const heading = page.getByRole('heading', { level: 1, name: campaignName });
    await heading.waitFor();
    // The status badge sits beside the title; recipients carry their own status further down.
    expect(await heading.locator('xpath=following-sibling::*[1]').textContent()).toBe('Scheduled');
    await page.getByText(/^Launches /).waitFor();
    await page.getByText(`0 of ${staff.length} processed: 0 sent, 0 could not be sent`).waitFor();
    await page
      .getByRole('group', { name: 'Fail rate' })
      .getByText('0 of 0 clicked or entered details')
      .waitFor();
    await page
      .getByRole('group', { name: 'Report rate' })
      .getByText(/^0 reported;/)
      .waitFor();
    await snapshot('05-campaign-results');
  });

  it('lists the campaign, pauses it and resumes it', async () => {
    await openNav('Campaigns', 'Phishing simulations');
    const row = page.getByRole('table', { name: 'Phishing campaigns' }).getByRole('row').filter({
      hasText: campaignName,
    });
    await row.getByText('Scheduled', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('Paused', { exact: true }).waitFor();
    await snapshot('06-campaign-paused');
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByText('Scheduled', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Pause' }).waitFor();
  });

  it('shows the reported emails and the report mailbox settings', async () => {
    await openNav('Reported emails');
    await openNav('Report mailbox & webhooks', 'Report mailbox and webhooks');
    await snapshot('07-settings');
  });
});
