import type { Kysely } from 'kysely';
import {
  type Classification,
  type ClickRules,
  classifyClick,
  classifySource,
  compileClickRules,
  defaultScannerData,
  type ScannerExtras,
} from '../../../engines/click-filter/index.ts';
import { versionedCache } from '../../../platform/cache/versioned-cache.ts';
import type { Config } from '../../../platform/config.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { type PhishingEventInput, recordPhishingEvents } from '../events.ts';
import {
  type RedFlag,
  type ResolvedLandingPage,
  renderLandingPage,
  resolveLandingPage,
  resolveTemplates,
} from '../templates/index.ts';
import { fillFirstName, withConfirmScript } from './pages.ts';
import { createLruCache } from './token-cache.ts';
import {
  findMessageByToken,
  markClickAsPerson,
  recentAutomatedClicks,
  type TrackedMessage,
} from './tracking.store.ts';
import { trackingTokenPattern } from './urls.ts';
import { createWriteQueue } from './write-queue.ts';

/** Who made a request, as the tracking server sees it (after trusted proxies). */
export interface RequestFacts {
  readonly ip: string;
  readonly userAgent: string | null;
}

export interface TrackingSettings {
  readonly rules: ClickRules;
  /** Tokens kept in memory (least recently used dropped first). */
  readonly cacheSize?: number;
  readonly cacheTtlMs?: number;
  readonly maxBatch?: number;
  readonly batchDelayMs?: number;
}

type Operation =
  | { readonly kind: 'event'; readonly event: PhishingEventInput }
  | {
      readonly kind: 'confirm';
      readonly message: TrackedMessage;
      readonly confirmedAt: string;
    };

/** A landing page answer: a page to show, or a redirect (a credential page's "after submit" address). */
export type LandingAnswer =
  | { readonly kind: 'page'; readonly html: string }
  | { readonly kind: 'redirect'; readonly url: string };

export interface Tracker {
  /** Records an open; false when the token is unknown. */
  open(token: string, facts: RequestFacts): Promise<boolean>;
  /** Records a click and answers the landing page; undefined when the token is unknown. */
  click(token: string, facts: RequestFacts): Promise<LandingAnswer | undefined>;
  /** Records a submission (never its values) and answers what follows it. */
  submit(token: string, facts: RequestFacts): Promise<LandingAnswer | undefined>;
  /** The page's script ran: a provisional early click becomes the person's. */
  confirm(token: string, facts: RequestFacts): Promise<boolean>;
  /** Writes what is pending and stops. */
  close(): Promise<void>;
}

/**
 * The installation's click-filter rules: the shipped defaults plus configured extras. Reads the optional
 * `scannerCidrs`, `scannerUserAgents` and `earlyClickSeconds` of `config.tracking` when the configuration has them.
 */
export function clickRulesFor(config: Config): ClickRules {
  const { tracking } = config;
  const extras: ScannerExtras = {
    cidrs: tracking.scannerCidrs,
    userAgents: tracking.scannerUserAgents,
    earlyClickSeconds: tracking.earlyClickSeconds,
  };
  return compileClickRules(defaultScannerData, extras);
}

function detailOf(verdict: Classification): Record<string, string> {
  return verdict.rule === null ? { reason: verdict.reason } : { reason: verdict.reason, rule: verdict.rule };
}

async function applyConfirmation(
  db: Kysely<Database>,
  rules: ClickRules,
  operation: Extract<Operation, { kind: 'confirm' }>,
): Promise<void> {
  const clicks = await recentAutomatedClicks(db, operation.message.messageId);
  for (const click of clicks) {
    const detail = JSON.parse(click.detail) as Record<string, unknown>;
    if (detail.reason !== 'early-unconfirmed') continue;
    const verdict = classifyClick({
      ip: click.ip,
      userAgent: click.userAgent,
      sentAt: operation.message.sentAt,
      clickedAt: click.occurredAt,
      confirmedByScript: true,
      rules,
    });
    if (verdict.automated) return;
    await markClickAsPerson(db, {
      eventId: click.id,
      messageId: operation.message.messageId,
      detail: JSON.stringify({ ...detail, ...detailOf(verdict), confirmedAt: operation.confirmedAt }),
    });
    return;
  }
}

/** Writes a batch in order: runs of events in one call of recordPhishingEvents, confirmations between them. */
async function applyOperations(db: Kysely<Database>, rules: ClickRules, operations: readonly Operation[]) {
  let events: PhishingEventInput[] = [];
  for (const operation of operations) {
    if (operation.kind === 'event') {
      events.push(operation.event);
      continue;
    }
    await recordPhishingEvents(db, events);
    events = [];
    await applyConfirmation(db, rules, operation);
  }
  await recordPhishingEvents(db, events);
}

interface PageParts {
  readonly page: ResolvedLandingPage;
  readonly redFlags: readonly RedFlag[];
}

/** Creates the tracker of one server: its token cache and its group-commit queue. */
export function createTracker(deps: ServiceDeps, settings: TrackingSettings): Tracker {
  const { rules } = settings;
  const cache = createLruCache<TrackedMessage>(
    settings.cacheSize ?? 100_000,
    settings.cacheTtlMs ?? 60_000,
    () => performance.now(),
  );
  const queue = createWriteQueue<Operation>({
    log: deps.log,
    ...(settings.maxBatch === undefined ? {} : { maxBatch: settings.maxBatch }),
    ...(settings.batchDelayMs === undefined ? {} : { delayMs: settings.batchDelayMs }),
    write: (operations) => deps.db.transaction().execute((trx) => applyOperations(trx, rules, operations)),
  });

  async function lookup(token: string): Promise<TrackedMessage | undefined> {
    if (!trackingTokenPattern.test(token)) return undefined;
    const cached = cache.get(token);
    if (cached) return cached;
    const found = await findMessageByToken(deps.db, token);
    // Not cached before the sender records delivery: the early-click window is measured from it.
    if (found && found.sentAt !== null) cache.set(token, found);
    return found;
  }

  function record(
    message: TrackedMessage,
    type: PhishingEventInput['type'],
    verdict: Classification,
    facts: RequestFacts,
    at: string,
  ) {
    return queue.push({
      kind: 'event',
      event: {
        dsoId: message.dsoId,
        campaignId: message.campaignId,
        messageId: message.messageId,
        type,
        occurredAt: at,
        automated: verdict.automated,
        ip: facts.ip,
        userAgent: facts.userAgent,
        detail: detailOf(verdict),
      },
    });
  }

  async function pageParts(message: TrackedMessage, landingPageId: string | null): Promise<PageParts> {
    const key = `tracking:page:${landingPageId ?? ''}:${message.templateId}`;
    return versionedCache(deps.db).read(message.dsoId, key, async () => {
      const page =
        (await resolveLandingPage(deps.db, message.dsoId, landingPageId)) ??
        (await resolveLandingPage(deps.db, message.dsoId, null));
      if (!page) throw new Error('The built-in teachable-moment page is missing.');
      const templates = await resolveTemplates(deps.db, message.dsoId, [message.templateId]);
      return { page, redFlags: templates.get(message.templateId)?.redFlags ?? [] };
    });
  }

  function render(message: TrackedMessage, token: string, parts: PageParts): LandingAnswer {
    const html = renderLandingPage(parts.page, { redFlags: parts.redFlags, submitUrl: `/l/${token}` });
    return { kind: 'page', html: withConfirmScript(fillFirstName(html, message.firstName)) };
  }

  return {
    async open(token, facts) {
      const message = await lookup(token);
      if (!message) return false;
      const verdict = classifySource({ ...facts, kind: 'open', rules });
      await record(message, 'email_opened', verdict, facts, deps.clock.now().toISOString());
      return true;
    },

    async click(token, facts) {
      const message = await lookup(token);
      if (!message) return undefined;
      const at = deps.clock.now().toISOString();
      const verdict = classifyClick({
        ...facts,
        sentAt: message.sentAt,
        clickedAt: at,
        confirmedByScript: false,
        rules,
      });
      const [parts] = await Promise.all([
        pageParts(message, message.landingPageId),
        record(message, 'clicked_link', verdict, facts, at),
      ]);
      return render(message, token, parts);
    },

    async submit(token, facts) {
      const message = await lookup(token);
      if (!message) return undefined;
      const verdict = classifySource({ ...facts, kind: 'submit', rules });
      const [parts] = await Promise.all([
        pageParts(message, message.landingPageId),
        record(message, 'submitted_data', verdict, facts, deps.clock.now().toISOString()),
      ]);
      if (parts.page.kind === 'credential' && parts.page.redirectUrl) {
        return { kind: 'redirect', url: parts.page.redirectUrl };
      }
      return render(message, token, parts.page.kind === 'teachable' ? parts : await pageParts(message, null));
    },

    async confirm(token, facts) {
      const message = await lookup(token);
      if (!message) return false;
      // A scanner's sandbox may run the script too: its confirmation confirms nothing.
      if (classifySource({ ...facts, kind: 'click', rules }).automated) return true;
      await queue.push({ kind: 'confirm', message, confirmedAt: deps.clock.now().toISOString() });
      return true;
    },

    close: () => queue.close(),
  };
}
