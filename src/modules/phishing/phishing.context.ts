import type { Config } from '../../platform/config.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import type { RouteOptions } from '../../platform/http/routes.ts';
import type { Mailer } from '../../platform/mail/index.ts';

/** What the phishing plugins receive: the services' deps, the mailer, the configuration and secrets at rest. */
export interface PhishingRouteOptions extends RouteOptions {
  readonly mailer: Mailer;
  readonly config: Config;
  readonly secrets: SecretBox;
}
