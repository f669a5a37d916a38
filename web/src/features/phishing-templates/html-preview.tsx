import type { RedFlag } from '../../api/phishing-templates.ts';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => escapes[char] ?? char);

/** Sample values for previews: what a recipient at a practice would see. */
export const sampleValues: Record<string, string> = {
  first_name: 'Alex',
  last_name: 'Rivera',
  email: 'alex.rivera@practice.example',
  practice: 'Riverside Family Dental',
  link: '#',
  submit_url: '#',
};

/** Fills `{{variables}}` with sample values (escaped); unknown ones stay visible so the author sees them. */
export function fillSample(html: string, redFlags: readonly RedFlag[] = []): string {
  const flags = `<ul>${redFlags
    .map((flag) => `<li><strong>${escapeHtml(flag.label)}</strong><br />${escapeHtml(flag.explanation)}</li>`)
    .join('')}</ul>`;
  return html.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => {
    if (name === 'red_flags') return flags;
    const value = sampleValues[name];
    return value === undefined ? whole : escapeHtml(value);
  });
}

/**
 * The HTML in a sandboxed frame: `sandbox=""` blocks scripts, forms, popups and same-origin access, so even
 * a page that still held a script could not run it here.
 */
export function HtmlPreview({ html, title, height = 480 }: { html: string; title: string; height?: number }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      referrerPolicy="no-referrer"
      style={{
        width: '100%',
        height,
        border: '1px solid var(--mantine-color-gray-4)',
        borderRadius: 4,
        background: '#fff',
      }}
    />
  );
}
