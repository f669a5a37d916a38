import type { ErrorIssue } from '../../../platform/errors.ts';
import { htmlToText, landingPageVariables, templateVariables, unknownVariables } from './render.ts';
import { sanitizeCredentialPage, sanitizeTeachablePage, sanitizeTemplateHtml } from './sanitize.ts';
import type { LandingPageKind } from './templates.schema.ts';

// GoPhish's API objects (reference §1.3: models/template.go, page.go, group.go), as exported by
// GET /api/templates/, /api/pages/ and /api/groups/. Each may come alone, in an array, or in
// { templates, pages, groups }.

type Path = (string | number)[];

export interface GophishTemplateDraft {
  readonly path: Path;
  readonly name: string;
  readonly subject: string;
  readonly senderName: string;
  readonly senderAddress: string;
  readonly html: string;
  readonly text: string;
}

export interface GophishPageDraft {
  readonly path: Path;
  readonly name: string;
  readonly kind: LandingPageKind;
  readonly html: string;
  readonly redirectUrl: string | null;
}

export interface GophishTarget {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly position: string;
}

export interface GophishGroupDraft {
  readonly path: Path;
  readonly name: string;
  readonly targets: readonly GophishTarget[];
}

export interface GophishImport {
  readonly templates: GophishTemplateDraft[];
  readonly pages: GophishPageDraft[];
  readonly groups: GophishGroupDraft[];
  readonly issues: ErrorIssue[];
  readonly warnings: { path: Path; message: string }[];
}

/** GoPhish's template fields (models/template_context.go) and what they become; null = removed. */
const variableMap: Record<string, string | null> = {
  FirstName: '{{first_name}}',
  LastName: '{{last_name}}',
  Email: '{{email}}',
  URL: '{{link}}',
  Tracker: null,
};
const gophishVariable = /\{\{\s*\.([A-Za-z]+)\s*\}\}/g;

type Record_ = Record<string, unknown>;

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(
  item: Record_,
  field: string,
  path: Path,
  issues: ErrorIssue[],
  options: { required: boolean; max: number },
): string {
  const value = item[field];
  if (value === undefined || value === null || value === '') {
    if (options.required)
      issues.push({ path: [...path, field], code: 'required', message: `${field} is missing` });
    return '';
  }
  if (typeof value !== 'string') {
    issues.push({ path: [...path, field], code: 'invalid_type', message: `${field} must be text` });
    return '';
  }
  if (value.length > options.max) {
    issues.push({
      path: [...path, field],
      code: 'too_big',
      message: `${field} is longer than ${options.max} characters`,
    });
    return '';
  }
  return value;
}

/** Maps GoPhish variables to Enamel's; a field GoPhish fills that Enamel does not is an issue naming it. */
function mapVariables(text: string, path: Path, issues: ErrorIssue[]): string {
  return text.replace(gophishVariable, (whole, name: string) => {
    const mapped = variableMap[name];
    if (mapped === undefined) {
      issues.push({
        path,
        code: 'unknown_variable',
        message: `{{.${name}}} has no Enamel equivalent (Enamel fills {{.FirstName}}, {{.LastName}}, {{.Email}}, {{.URL}}); remove it`,
      });
      return whole;
    }
    return mapped ?? '';
  });
}

/** Landing pages get no person's data in Enamel: only `{{.Tracker}}` (dropped) may appear. */
function mapPageVariables(text: string, path: Path, issues: ErrorIssue[]): string {
  return text.replace(gophishVariable, (whole, name: string) => {
    if (name === 'Tracker') return '';
    issues.push({
      path,
      code: 'unknown_variable',
      message: `{{.${name}}} is not available on Enamel landing pages; remove it`,
    });
    return whole;
  });
}

function checkVariables(
  text: string,
  allowed: Readonly<Record<string, string>>,
  path: Path,
  issues: ErrorIssue[],
) {
  // GoPhish's own `{{.Name}}` variables were reported by the mapping already.
  for (const name of unknownVariables(text, allowed).filter((unknown) => !unknown.startsWith('.'))) {
    issues.push({ path, code: 'unknown_variable', message: `unknown variable {{${name}}}` });
  }
}

/** `"Billing Team" <billing@portal.example>` → name and address (RFC 5322 §3.4 name-addr, simplified). */
export function parseSender(value: string): { name: string; address: string } | undefined {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^<>\s@]+@[^<>\s@]+)>\s*$/.exec(value);
  if (angle) return { name: (angle[1] ?? '').trim(), address: angle[2] ?? '' };
  const bare = /^\s*([^<>\s@]+@[^<>\s@]+)\s*$/.exec(value);
  return bare ? { name: '', address: bare[1] ?? '' } : undefined;
}

function mapTemplate(item: Record_, path: Path, result: GophishImport): void {
  const issues = result.issues;
  const name = stringField(item, 'name', path, issues, { required: true, max: 120 });
  const subject = stringField(item, 'subject', path, issues, { required: true, max: 200 });
  const html = stringField(item, 'html', path, issues, { required: false, max: 500_000 });
  const text = stringField(item, 'text', path, issues, { required: false, max: 200_000 });
  const sender = stringField(item, 'envelope_sender', path, issues, { required: false, max: 300 });
  if (html === '' && text === '') {
    issues.push({
      path: [...path, 'html'],
      code: 'required',
      message: 'the template has neither html nor text',
    });
  }
  const mapped = {
    subject: mapVariables(subject, [...path, 'subject'], issues),
    html: sanitizeTemplateHtml(mapVariables(html, [...path, 'html'], issues)),
    text: mapVariables(text, [...path, 'text'], issues),
  };
  for (const field of ['subject', 'html', 'text'] as const) {
    checkVariables(mapped[field], templateVariables, [...path, field], issues);
  }
  if (Array.isArray(item.attachments) && item.attachments.length > 0) {
    result.warnings.push({ path: [...path, 'attachments'], message: 'attachments are not imported' });
  }
  let parsed = parseSender(sender);
  if (sender !== '' && !parsed) {
    issues.push({
      path: [...path, 'envelope_sender'],
      code: 'invalid',
      message: 'envelope_sender is not an address',
    });
  }
  if (!parsed) {
    // GoPhish usually takes the sender from the sending profile: the draft gets a placeholder to edit.
    result.warnings.push({
      path: [...path, 'envelope_sender'],
      message: 'no sender in the template; set the sender name and address before using it',
    });
    parsed = { name: 'Notifications', address: 'notifications@example.com' };
  }
  const htmlOrText = mapped.html !== '' ? mapped.html : `<pre>${mapped.text.replace(/[<>&]/g, ' ')}</pre>`;
  result.templates.push({
    path,
    name,
    subject: mapped.subject,
    senderName: (parsed.name || parsed.address).slice(0, 120),
    senderAddress: parsed.address,
    html: htmlOrText,
    text: mapped.text !== '' ? mapped.text : htmlToText(mapped.html),
  });
}

function mapPage(item: Record_, path: Path, result: GophishImport): void {
  const issues = result.issues;
  const name = stringField(item, 'name', path, issues, { required: true, max: 120 });
  const html = stringField(item, 'html', path, issues, { required: true, max: 500_000 });
  const redirect = stringField(item, 'redirect_url', path, issues, { required: false, max: 2000 });
  if (redirect !== '' && !/^https?:\/\/[^\s]+$/i.test(redirect)) {
    issues.push({
      path: [...path, 'redirect_url'],
      code: 'invalid',
      message: 'redirect_url must be an http or https URL',
    });
  }
  const credential = item.capture_credentials === true || /<form[\s>]/i.test(html);
  if (item.capture_passwords === true) {
    result.warnings.push({
      path: [...path, 'capture_passwords'],
      message: 'Enamel never captures what is typed: the page records only that something was submitted',
    });
  }
  const mapped = mapPageVariables(html, [...path, 'html'], issues);
  const clean = credential ? sanitizeCredentialPage(mapped) : sanitizeTeachablePage(mapped);
  checkVariables(clean, landingPageVariables, [...path, 'html'], issues);
  result.pages.push({
    path,
    name,
    kind: credential ? 'credential' : 'teachable',
    html: clean,
    redirectUrl: redirect === '' ? null : redirect,
  });
}

function mapGroup(item: Record_, path: Path, result: GophishImport): void {
  const issues = result.issues;
  const name = stringField(item, 'name', path, issues, { required: true, max: 120 });
  const targets: GophishTarget[] = [];
  if (!Array.isArray(item.targets)) {
    issues.push({ path: [...path, 'targets'], code: 'invalid_type', message: 'targets must be a list' });
    return;
  }
  item.targets.forEach((target: unknown, index) => {
    const at = [...path, 'targets', index];
    if (!isRecord(target)) {
      issues.push({ path: at, code: 'invalid_type', message: 'a target must be an object' });
      return;
    }
    const email = stringField(target, 'email', at, issues, { required: true, max: 320 });
    if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) {
      issues.push({ path: [...at, 'email'], code: 'invalid', message: `"${email}" is not an email address` });
    }
    targets.push({
      email: email.toLowerCase(),
      firstName: stringField(target, 'first_name', at, issues, { required: false, max: 120 }),
      lastName: stringField(target, 'last_name', at, issues, { required: false, max: 120 }),
      position: stringField(target, 'position', at, issues, { required: false, max: 120 }),
    });
  });
  result.groups.push({ path, name, targets });
}

type Kind = 'template' | 'page' | 'group';

/** Tells GoPhish objects apart by the fields only each has. */
function kindOf(item: Record_): Kind | undefined {
  if ('targets' in item) return 'group';
  if ('subject' in item || 'envelope_sender' in item) return 'template';
  if ('capture_credentials' in item || 'capture_passwords' in item || 'redirect_url' in item) return 'page';
  return undefined;
}

const mappers: Record<Kind, (item: Record_, path: Path, result: GophishImport) => void> = {
  template: mapTemplate,
  page: mapPage,
  group: mapGroup,
};

function mapItem(item: unknown, path: Path, expected: Kind | undefined, result: GophishImport): void {
  if (!isRecord(item)) {
    result.issues.push({
      path,
      code: 'invalid_type',
      message: 'expected a GoPhish template, page or group object',
    });
    return;
  }
  const kind = expected ?? kindOf(item);
  if (!kind) {
    result.issues.push({
      path,
      code: 'unknown_object',
      message: 'not a GoPhish template (subject), page (capture_credentials) or group (targets)',
    });
    return;
  }
  mappers[kind](item, path, result);
}

const wrapperKeys: Record<string, Kind> = { templates: 'template', pages: 'page', groups: 'group' };

/** Maps a GoPhish export to drafts, collecting every issue (nothing is written here). */
export function mapGophishExport(body: unknown): GophishImport {
  const result: GophishImport = { templates: [], pages: [], groups: [], issues: [], warnings: [] };
  if (Array.isArray(body)) {
    for (const [index, item] of body.entries()) mapItem(item, [index], undefined, result);
  } else if (isRecord(body) && Object.keys(body).some((key) => key in wrapperKeys)) {
    for (const [key, value] of Object.entries(body)) {
      const kind = wrapperKeys[key];
      if (!kind) {
        result.issues.push({
          path: [key],
          code: 'unknown_key',
          message: 'expected templates, pages or groups',
        });
      } else if (!Array.isArray(value)) {
        result.issues.push({ path: [key], code: 'invalid_type', message: `${key} must be a list` });
      } else {
        for (const [index, item] of value.entries()) mapItem(item, [key, index], kind, result);
      }
    }
  } else {
    mapItem(body, [], undefined, result);
  }
  if (
    result.templates.length + result.pages.length + result.groups.length === 0 &&
    result.issues.length === 0
  ) {
    result.issues.push({ path: [], code: 'empty', message: 'the export holds no template, page or group' });
  }
  return result;
}
