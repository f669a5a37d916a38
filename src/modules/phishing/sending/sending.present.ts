import type { SmtpUrl } from '../../../platform/mail/index.ts';
import { parseHeaders, type SendingProfileRow } from './profile-secrets.ts';
import type { SendingProfileView } from './sending.schema.ts';

/** A profile as the API shows it: where it sends, never its password or signing key. */
export function presentProfile(row: SendingProfileRow, url: SmtpUrl): SendingProfileView {
  return {
    id: row.id,
    name: row.name,
    smtp: {
      display: url.toString(),
      host: url.host,
      port: url.port,
      security: url.isImplicitTls ? 'tls' : 'starttls',
      auth: url.credentials() ? 'set' : 'not set',
    },
    maxConnections: row.maxConnections,
    dkim:
      row.dkimDomain && row.dkimSelector && row.dkimPrivateKey
        ? { domain: row.dkimDomain, selector: row.dkimSelector, privateKey: 'set' }
        : null,
    headers: parseHeaders(row.headers),
    simulationHeader: { name: row.simulationHeaderName, value: row.simulationHeaderValue },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
