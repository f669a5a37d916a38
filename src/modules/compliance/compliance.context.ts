import type { Config } from '../../platform/config.ts';
import type { RouteOptions } from '../../platform/http/routes.ts';
import type { Mailer } from '../../platform/mail/index.ts';

/** What the compliance plugins receive: the services' deps, the mailer for reminders and links, the configuration. */
export interface ComplianceRouteOptions extends RouteOptions {
  readonly mailer: Mailer;
  readonly config: Config;
}

/** What a reminder run did: messages sent, items escalated to the security official. */
export interface ReminderResult {
  readonly sent: number;
  readonly escalated: number;
}
