/** The variables an email template may use, and what each becomes. */
export const templateVariables = {
  first_name: "The recipient's first name",
  last_name: "The recipient's last name",
  email: "The recipient's email address",
  practice: "The name of the recipient's practice",
  link: 'The tracked link (use it as the href of every link)',
} as const;
export type TemplateVariable = keyof typeof templateVariables;

/** The placeholders a landing page may use; the tracking server fills them. */
export const landingPageVariables = {
  red_flags: 'The red flags of the exact email the person clicked (teachable pages)',
  submit_url: 'Where the form is posted (credential pages; set on save)',
} as const;
export type LandingPageVariable = keyof typeof landingPageVariables;

const variablePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{name}}` in the text whose name is not in `allowed`, once each, in order of appearance. */
export function unknownVariables(text: string, allowed: Readonly<Record<string, string>>): string[] {
  const unknown: string[] = [];
  for (const match of text.matchAll(variablePattern)) {
    const name = match[1] ?? '';
    if (!Object.hasOwn(allowed, name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

/** Replaces known variables with their values (escaped by `encode`); unknown ones are left as they are. */
export function fillVariables(
  text: string,
  values: Readonly<Record<string, string>>,
  encode: (value: string) => string = (value) => value,
): string {
  return text.replace(variablePattern, (whole, name: string) =>
    Object.hasOwn(values, name) ? encode(values[name] ?? '') : whole,
  );
}

/** Inserts `snippet` before the last `</body>`, or at the end when the HTML has no body element. */
export function insertBeforeBodyEnd(html: string, snippet: string): string {
  const index = html.toLowerCase().lastIndexOf('</body>');
  return index === -1 ? `${html}${snippet}` : `${html.slice(0, index)}${snippet}${html.slice(index)}`;
}

/** A practice name as it may appear in an address: `Smile Dental Group` → `smiledentalgroup`. */
export function practiceSlug(practiceName: string): string {
  const slug = practiceName.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return slug === '' ? 'practice' : slug.slice(0, 40);
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** A readable plain-text part from template HTML: block ends become line breaks, links keep their target. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script|title)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href=["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi, (_all, href: string, label: string) =>
      label.replace(/<[^>]+>/g, '').trim() === href ? href : `${label} (${href})`,
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|tr|li|h[1-6]|table)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_all, name: string) => entities[name] ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
