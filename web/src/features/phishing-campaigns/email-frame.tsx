/**
 * An email's HTML shown inert: `sandbox=""` runs no script, submits no form and cannot navigate the app, and
 * `srcdoc` keeps the content off the network.
 */
export function EmailFrame({ html, title, height = 420 }: { html: string; title: string; height?: number }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      style={{ width: '100%', height, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
    />
  );
}
