import { useEffect, useState } from 'react';

/** Shortest token the server accepts in an emailed or handed-over link; shorter means a cut-off link. */
export const minLinkTokenLength = 20;

/**
 * Reads a one-time token from the URL fragment (never sent to a server, so never in access logs or Referer
 * headers), then drops it from the address bar and history.
 */
export function useFragmentToken(): string {
  const [token] = useState(() => {
    const raw = window.location.hash.replace(/^#/, '');
    try {
      return decodeURIComponent(raw).trim();
    } catch {
      return raw.trim();
    }
  });
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    }
  }, []);
  return token;
}
