import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import { listDsoDomains } from './reporting.store.ts';

function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at < 0
    ? undefined
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/>$/, '');
}

function domainsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed)
      ? parsed.filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase())
      : [];
  } catch {
    // A malformed domain list matches nothing; the DSO's settings page shows and fixes it.
    return [];
  }
}

/**
 * The DSO whose email domains include an address's domain (or a parent domain: mail.smiledental.com belongs to
 * smiledental.com), trying the addresses in order. A domain two DSOs both list decides nothing: a report is never
 * filed under a guessed DSO.
 */
export async function dsoOfAddresses(
  db: Kysely<Database>,
  addresses: readonly string[],
): Promise<string | undefined> {
  const dsos = (await listDsoDomains(db)).map((dso) => ({ id: dso.id, domains: domainsOf(dso.domains) }));
  for (const address of addresses) {
    const domain = domainOf(address);
    if (!domain) continue;
    const owners = dsos.filter((dso) =>
      dso.domains.some((owned) => domain === owned || domain.endsWith(`.${owned}`)),
    );
    if (owners.length === 1) return owners[0]?.id;
  }
  return undefined;
}
