import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseOption as choose,
  field as fieldOf,
  type Journey,
  openNav as openNavOf,
  postAsSession,
  setUpFirstAdmin,
  startJourney,
  snapshot as takeSnapshot,
} from './support/journey.ts';

const admin = {
  dsoName: 'Harbor Point Dental Group',
  displayName: 'Renee Castillo',
  email: 'renee.castillo@harborpoint.example',
  password: 'incisor-maple-harbor-42',
};
/** Lakeside answers for itself where it differs; Riverbend keeps every DSO answer. */
const lakeside = 'Lakeside Family Dental';
const riverbend = 'Riverbend Dental Studio';
const riskTitle = 'No current enterprise-wide risk analysis';
const control = 'Offline or immutable backups';
const evidenceTitle = 'Immutable backup configuration, Q3 review';
const policyTitle = 'Security Incident Response Policy';
const vendorName = 'Crown Imaging Cloud';

let journey: Journey | undefined;
let page: Page;

const snapshot = (name: string) => takeSnapshot(page, `compliance-${name}`);
const chooseOption = (label: string, search: string, option: string) => choose(page, label, search, option);
const field = (label: string, within: Page | Locator = page) => fieldOf(within, label);

/** A calendar day in UTC, `offsetDays` from today, as the date inputs take it. */
function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const openNav = (link: string, heading = link) => openNavOf(page, link, heading);

/** One question of the questionnaire: a section named by its text, which starts with the question id. */
function question(id: string) {
  return page.getByRole('region', { name: new RegExp(`^${id}\\. `) });
}

async function answer(section: Locator, option: string) {
  await section.getByRole('radio', { name: option, exact: true }).check();
  await section.getByRole('button', { name: 'Save answer' }).click();
}

/** Another practice through the API, as an integration would: the session's cookie plus its CSRF token. */
async function createPracticeThroughApi(name: string) {
  await postAsSession(page, '/api/v1/practices', {
    name,
    city: 'Round Rock',
    state: 'TX',
    timeZone: 'America/Chicago',
  });
}

describe('risk analysis and compliance journey', () => {
  beforeAll(async () => {
    journey = await startJourney({ acceptDownloads: true });
    page = journey.page;
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await snapshot(`failed-${context.task.name.replaceAll(' ', '-')}`);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('sets up the DSO with MFA and two practices', async () => {
    await setUpFirstAdmin(page, admin);

    await openNav('Practices');
    await page.getByRole('link', { name: 'New practice' }).click();
    await page.getByLabel('Practice name').fill(lakeside);
    await page.getByLabel('City').fill('Austin');
    await chooseOption('State', 'TX', 'TX — Texas');
    await chooseOption('Time zone', 'America/Chicago', 'America/Chicago');
    await page.getByRole('button', { name: 'Create practice' }).click();
    await page.getByRole('heading', { level: 1, name: lakeside }).waitFor();
    await createPracticeThroughApi(riverbend);
  });

  it('answers for the whole DSO, overrides one practice, and asks why a question does not apply', async () => {
    await openNav('Assessment', 'Risk analysis questionnaire');
    expect(await page.getByRole('radio', { name: 'Whole DSO' }).isChecked()).toBe(true);
    const ra01 = question('RA-01');
    await answer(ra01, 'Partly, or only at some offices or systems');
    await ra01.getByText(`Answered by ${admin.email} on`).waitFor();
    await snapshot('01-dso-answer');

    await page.getByText('A practice', { exact: true }).click();
    await chooseOption('Practice', 'Lakeside', lakeside);
    await ra01.getByText('Inherited from the DSO').waitFor();
    await ra01.getByText('Partly, or only at some offices or systems', { exact: true }).waitFor();
    expect(await ra01.getByText('Overridden here').count()).toBe(0);
    await ra01.getByRole('button', { name: 'Override for this practice' }).click();
    await answer(ra01, 'No');
    await ra01.getByText('Overridden here').waitFor();
    await ra01.getByRole('button', { name: 'Clear (inherit from the DSO again)' }).waitFor();
    await snapshot('02-practice-override');

    // Not applicable needs a written reason: PD-14 asks about a group health plan the DSO may not sponsor.
    await page.getByText('Whole DSO', { exact: true }).click();
    // The scope lives in the URL: wait for it to change before the next step reads the URL again.
    await page.getByRole('combobox', { name: 'Practice' }).waitFor({ state: 'detached' });
    await page.waitForURL(/[?&]scope=dso(&|$)/);
    await page.getByRole('button', { name: /^Policies and documentation: / }).click();
    const pd14 = question('PD-14');
    await answer(pd14, 'Not applicable');
    const why = field('Why this does not apply', pd14);
    await pd14.getByText('PD-14: not applicable needs a justification of at least 10 characters').waitFor();
    expect(await why.getAttribute('aria-invalid')).toBe('true');
    await snapshot('03-not-applicable-error');
    await why.fill('The DSO sponsors no group health plan; staff buy cover on the open market.');
    await pd14.getByRole('button', { name: 'Save answer' }).click();
    await pd14.getByText(`Answered by ${admin.email} on`).waitFor();
    expect(await pd14.getByText(/needs a justification/).count()).toBe(0);
  });

  it('shows each practice by area on the heatmap, next to the risk matrix', async () => {
    await openNav('Risk analysis');
    const heatmap = page.getByRole('table', { name: 'Assessment heatmap: practices by area' });
    await heatmap.getByRole('rowheader', { name: lakeside }).waitFor();
    await heatmap.getByRole('rowheader', { name: riverbend }).waitFor();
    // Score = 100 × (1 − option score ÷ 3): Lakeside's own "No" scores 3, Riverbend inherits "Partly" (2).
    await heatmap
      .getByRole('link', {
        name: new RegExp(`^${lakeside}, Risk analysis basics: score 0 of 100; 1 of \\d+`),
      })
      .waitFor();
    await heatmap
      .getByRole('link', {
        name: new RegExp(`^${riverbend}, Risk analysis basics: score 33 of 100; 1 of \\d+`),
      })
      .waitFor();
    // The justified "not applicable" was given for the whole DSO: it counts for Riverbend too, as in place.
    await heatmap
      .getByRole('link', {
        name: new RegExp(`^${riverbend}, Policies and documentation: score 100 of 100; 1 of \\d+`),
      })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Risk matrix' }).waitFor();
    await page.getByRole('figure', { name: 'Inherent risk matrix' }).waitFor();
    await snapshot('04-overview');
  });

  it('proposes risks from the answers and accepts one with a reason and an expiry', async () => {
    await openNav('Risk register');
    await page.getByRole('button', { name: 'Propose risks from the assessment' }).click();
    await page.getByText(/^2 new, 0 updated, 0 unchanged/).waitFor();
    const table = page.getByRole('table', { name: 'Risks' });
    const rows = table.getByRole('row').filter({ hasText: riskTitle });
    await rows.filter({ hasText: lakeside }).waitFor();
    const dsoWide = rows.filter({ hasText: 'DSO-wide' });
    expect(await dsoWide.getByText('Proposed', { exact: true }).count()).toBe(1);
    await snapshot('05-proposed-risks');

    await dsoWide.getByRole('button', { name: riskTitle }).click();
    const drawer = page.getByRole('dialog', { name: riskTitle });
    await drawer.getByRole('button', { name: 'Accept risk' }).click();
    const modal = page.getByRole('dialog', { name: 'Accept risk' });
    const expiresOn = isoDate(180);
    await field('Reason', modal).fill(
      'A full risk analysis is booked with the assessor for next quarter; the partial one covers central IT.',
    );
    await field('Acceptance expires on', modal).fill(expiresOn);
    await snapshot('06-accept-risk');
    await modal.getByRole('button', { name: 'Accept risk' }).click();
    await modal.waitFor({ state: 'detached' });
    await drawer.getByText('Accepted', { exact: true }).waitFor();
    await drawer.getByRole('definition').filter({ hasText: expiresOn }).waitFor();
    await drawer.getByRole('definition').filter({ hasText: admin.email }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await dsoWide.getByText('Accepted', { exact: true }).waitFor();
    expect(await rows.filter({ hasText: lakeside }).getByText('Proposed', { exact: true }).count()).toBe(1);
  });

  it('uploads dated evidence for a control, which turns ok, and refuses a wrong file type', async () => {
    await openNav('Controls & evidence', 'Controls');
    await page.getByRole('table', { name: 'Controls' }).getByRole('link', { name: control }).click();
    const heading = page.getByRole('heading', { level: 1, name: control });
    await heading.waitFor();
    await page.getByText('No evidence or signal reading yet.').waitFor();

    const form = page.getByRole('form', { name: 'Add evidence' });
    await form.getByLabel('Evidence file').setInputFiles({
      name: 'immutable-backups.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    });
    await form.getByText('immutable-backups.pdf').waitFor();
    await field('Title', form).fill(evidenceTitle);
    await field('Effective date', form).fill(isoDate(-3));
    await field('Expires', form).fill(isoDate(180));
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `"${evidenceTitle}" was added.` })
      .waitFor();

    const history = page.getByRole('table', { name: 'Evidence history' });
    const row = history.getByRole('row').filter({ hasText: evidenceTitle });
    await row.getByText('Valid', { exact: true }).waitFor();
    await row.getByRole('link', { name: 'immutable-backups.pdf' }).waitFor();
    await page.getByText('1 valid evidence item.').waitFor();
    expect(await heading.locator('xpath=following-sibling::*[1]').textContent()).toBe('OK');
    await snapshot('07-control-evidence');

    await form.getByLabel('Evidence file').setInputFiles({
      name: 'backup-console.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<!doctype html><html><body>Backups: all green</body></html>'),
    });
    await field('Title', form).fill('Backup console page');
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'The file "backup-console.html" is not an accepted evidence type' })
      .waitFor();
    await snapshot('08-wrong-file-type');
    expect(await history.getByRole('row').filter({ hasText: 'Backup console page' }).count()).toBe(0);

    await page.getByRole('link', { name: 'All controls' }).click();
    const ok = page.getByRole('table', { name: 'Controls' }).getByRole('row').filter({ hasText: control });
    await ok.getByText('OK', { exact: true }).waitFor();
  });

  it('creates a policy from a template and approves its first version', async () => {
    await openNav('Policies');
    await page.getByRole('button', { name: `Use this template: ${policyTitle}` }).click();
    const dialog = page.getByRole('dialog', { name: 'New policy' });
    expect(await dialog.getByRole('combobox', { name: 'Template' }).inputValue()).toMatch(
      /^Security Incident/,
    );
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { level: 1, name: policyTitle }).waitFor();
    await page.getByText('Not approved yet').first().waitFor();
    await snapshot('09-policy-draft');

    await page.getByRole('button', { name: 'Approve version 1' }).click();
    await page.getByRole('button', { name: 'Approve version 1' }).waitFor({ state: 'detached' });
    await page.getByRole('definition').filter({ hasText: admin.email }).waitFor();
    await page.getByText('Current', { exact: true }).waitFor();
    await snapshot('10-policy-approved');

    await openNav('Policies');
    await page
      .getByRole('table', { name: 'Policies' })
      .getByRole('row')
      .filter({ hasText: policyTitle })
      .getByText('Version 1', { exact: true })
      .waitFor();
  });

  it('warns about a vendor with ePHI access and no signed BAA', async () => {
    await openNav('Vendors & BAAs', 'Vendors and BAAs');
    await page.getByRole('button', { name: 'Add vendor' }).click();
    const dialog = page.getByRole('dialog', { name: 'New vendor' });
    await field('Name', dialog).fill(vendorName);
    await field('Category', dialog).click();
    await page.getByRole('option', { name: 'Imaging', exact: true }).click();
    expect(await field('Access to ePHI', dialog).inputValue()).toBe('Full');
    expect(await field('BAA status', dialog).inputValue()).toBe('Needed');
    await snapshot('11-vendor-form');
    await dialog.getByRole('button', { name: 'Add vendor' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('table', { name: 'Vendors' }).getByRole('row').filter({ hasText: vendorName });
    await row.getByText('No signed BAA', { exact: true }).waitFor();
    await page.getByText('1 vendors, 1 needing attention').waitFor();
    await snapshot('12-vendors');
  });

  it('shows where the evidence does not support a "yes" to the insurer', async () => {
    await openNav('Cyber insurance', 'Cyber-insurance answers');
    await page
      .getByText(`1 of 1 vendor(s) with ePHI access have no signed, current BAA: ${vendorName}.`)
      .waitFor();
    expect(await page.getByText('The evidence does not support a "yes"').count()).toBeGreaterThan(0);
    await page.getByText(/^\d+ warning\(s\) · as of /).waitFor();
    await snapshot('13-insurance');
  });

  it('signs off the risk analysis and downloads the PDF report', async () => {
    await openNav('Reports', 'Risk-analysis report');
    await page.getByRole('alert').filter({ hasText: 'Not yet signed off' }).waitFor();
    expect(await field('Your title').inputValue()).toBe('Security Official');
    await page.getByRole('button', { name: 'Sign off', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Signed off, unchanged' }).waitFor();
    await page
      .getByRole('table', { name: 'Sign-off history' })
      .getByRole('row')
      .filter({ hasText: admin.displayName })
      .getByText('matches the data now')
      .waitFor();
    await snapshot('14-signed-off');

    const link = page.getByRole('link', { name: 'Download PDF' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const href = await link.getAttribute('href');
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
  });
});
