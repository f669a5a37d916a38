import * as client from 'openid-client';
import type { Clock } from '../../../platform/clock.ts';
import { isLoopbackUrl, type ProviderKind } from './sso.schema.ts';

/** What the protocol side needs of a provider: where it is, who Enamel is there, and how it changed. */
export interface OidcProvider {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly issuerUrl: string;
  readonly clientId: string;
  readonly allowedDomains: readonly string[];
  readonly updatedAt: string;
}

export interface FlowSecrets {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Scopes Enamel asks for: the subject, the email address and the name (docs/sso.md). */
export const scopes = 'openid email profile';
/** Discovery documents are kept this long; signing keys are refreshed by openid-client when they change. */
const metadataTtlMs = 60 * 60_000;

/** A failure on the provider's side (unreachable, refused, tokens that failed checks), safe to log. */
export class ProviderFailure extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'ProviderFailure';
    this.reason = reason;
  }
}

/** The error's code and message only: causes of openid-client errors may hold response bodies. */
function failureOf(error: unknown): ProviderFailure {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const oauthError = (error as { error?: unknown }).error;
    const reason = typeof oauthError === 'string' ? oauthError : typeof code === 'string' ? code : error.name;
    return new ProviderFailure(reason.slice(0, 100), error.message.slice(0, 300));
  }
  return new ProviderFailure('unknown', 'The provider call failed.');
}

/**
 * OpenID Connect with openid-client: discovery (cached per provider), the authorization URL with PKCE (S256),
 * state and nonce, and the authorization code grant, which checks the issuer, audience, signature, nonce and
 * state of the answer (OpenID Connect Core 1.0, 3.1.3.7).
 */
export function createOidc(clock: Clock) {
  const cache = new Map<
    string,
    { updatedAt: string; until: number; config: Promise<client.Configuration> }
  >();

  function configOf(provider: OidcProvider, clientSecret: () => Promise<string>) {
    const cached = cache.get(provider.id);
    const now = clock.now().getTime();
    if (cached && cached.updatedAt === provider.updatedAt && cached.until > now) return cached.config;
    const issuer = new URL(provider.issuerUrl);
    const config = clientSecret().then((secret) =>
      client.discovery(issuer, provider.clientId, secret, client.ClientSecretPost(secret), {
        // Plain HTTP only to an issuer on this machine; the schema refuses http elsewhere.
        execute: issuer.protocol === 'http:' && isLoopbackUrl(issuer) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      }),
    );
    cache.set(provider.id, { updatedAt: provider.updatedAt, until: now + metadataTtlMs, config });
    config.catch(() => cache.delete(provider.id));
    return config;
  }

  return {
    /** The provider's authorization URL, and the secrets the callback checks. */
    async authorizationUrl(
      provider: OidcProvider,
      clientSecret: () => Promise<string>,
      redirectUri: string,
    ): Promise<{ url: string; flow: FlowSecrets }> {
      try {
        const config = await configOf(provider, clientSecret);
        const flow = {
          state: client.randomState(),
          nonce: client.randomNonce(),
          codeVerifier: client.randomPKCECodeVerifier(),
        };
        const parameters: Record<string, string> = {
          redirect_uri: redirectUri,
          scope: scopes,
          state: flow.state,
          nonce: flow.nonce,
          code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
          code_challenge_method: 'S256',
        };
        // Google's account chooser shows only accounts of the Workspace (a hint; the callback checks `hd`).
        const [only] = provider.allowedDomains;
        if (provider.kind === 'google' && provider.allowedDomains.length === 1 && only) parameters.hd = only;
        return { url: client.buildAuthorizationUrl(config, parameters).href, flow };
      } catch (error) {
        throw failureOf(error);
      }
    },

    /**
     * Redeems the code of the callback; answers the ID token's claims. `callbackUrl` is the registered redirect
     * URI with the query the provider sent: openid-client sends it, without the query, as `redirect_uri`.
     */
    async signIn(
      provider: OidcProvider,
      clientSecret: () => Promise<string>,
      callbackUrl: URL,
      flow: FlowSecrets,
    ): Promise<Readonly<Record<string, unknown>>> {
      try {
        const config = await configOf(provider, clientSecret);
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new ProviderFailure('no_id_token', 'The provider answered no ID token.');
        return claims;
      } catch (error) {
        throw error instanceof ProviderFailure ? error : failureOf(error);
      }
    },
  };
}

export type Oidc = ReturnType<typeof createOidc>;
