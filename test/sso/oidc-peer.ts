import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Adapter, type AdapterPayload, type KoaContextWithOIDC } from 'oidc-provider';

/** What a test account says about itself; `groups` and `email_verified` are changed between sign-ins. */
export interface PeerAccount {
  email: string;
  email_verified: boolean;
  name: string;
  groups: string[];
  hd?: string;
}

export interface OidcPeer {
  readonly issuer: string;
  readonly accounts: Map<string, PeerAccount>;
  /** Registers Enamel as a confidential client with this redirect URI. */
  addClient(clientId: string, clientSecret: string, redirectUri: string): void;
  /** Drives the browser from the authorization URL to Enamel's callback URL, signed in as `sub`. */
  signIn(authorizationUrl: string, sub: string): Promise<URL>;
  close(): Promise<void>;
}

/** The provider's stateful data in memory (its own quick-start adapter announces itself on the console). */
function memoryAdapter(clients: Map<string, AdapterPayload>) {
  const store = new Map<string, AdapterPayload>();
  return class MemoryAdapter implements Adapter {
    readonly name: string;
    constructor(name: string) {
      this.name = name;
    }
    key(id: string) {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload) {
      store.set(this.key(id), payload);
    }
    async find(id: string) {
      return this.name === 'Client' ? clients.get(id) : store.get(this.key(id));
    }
    async findByUserCode() {
      return undefined;
    }
    async findByUid(uid: string) {
      return [...store.entries()].find(
        ([key, value]) => key.startsWith(`${this.name}:`) && value.uid === uid,
      )?.[1];
    }
    async consume(id: string) {
      const payload = store.get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, value] of store) if (value.grantId === grantId) store.delete(key);
    }
  };
}

/** A cookie jar for one origin: every cookie is sent on every path, which the provider does not mind. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A real OpenID Connect provider (oidc-provider) on 127.0.0.1 and a free port, with a scripted login. */
export async function startOidcPeer(): Promise<OidcPeer> {
  const accounts = new Map<string, PeerAccount>();
  const clients = new Map<string, AdapterPayload>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(clients),
    jwks: { keys: [{ ...key, kid: 'peer', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc peer cookie key'] },
    claims: { openid: ['sub', 'groups', 'hd'], email: ['email', 'email_verified'], profile: ['name'] },
    // Scope claims go into the ID token, as Entra ID and Google put email and groups there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    // Set explicitly: the provider announces every default it falls back to on the console.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'text/plain';
      ctx.body = `${out.error}: ${out.error_description ?? ''}`;
    },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // First-party client: consent is implied, so the flow needs only the login step.
    loadExistingGrant: async (ctx) => {
      const clientId = ctx.oidc.client?.clientId ?? '';
      const accountId = ctx.oidc.session?.accountId ?? '';
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const login = /^\/interaction\/[^/?]+\?as=([^&]+)$/.exec(request.url ?? '');
    if (!login) {
      void callback(request, response);
      return;
    }
    void provider
      .interactionDetails(request, response)
      .then(() =>
        provider.interactionFinished(
          request,
          response,
          { login: { accountId: decodeURIComponent(login[1] as string) } },
          { mergeWithLastSubmission: false },
        ),
      )
      .catch(() => {
        response.statusCode = 400;
        response.end();
      });
  });

  return {
    issuer,
    accounts,
    addClient(clientId, clientSecret, redirectUri) {
      clients.set(clientId, {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      });
    },
    async signIn(authorizationUrl, sub) {
      const jar = new CookieJar();
      let url = new URL(authorizationUrl);
      for (let hop = 0; hop < 10; hop++) {
        if (!url.href.startsWith(issuer)) return url;
        const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
        jar.take(response);
        const location = response.headers.get('location');
        if (!location) throw new Error(`The provider answered ${response.status} at ${url.pathname}.`);
        url = new URL(location, url);
        if (url.pathname.startsWith('/interaction/')) url.search = `?as=${encodeURIComponent(sub)}`;
      }
      throw new Error('Too many redirects at the provider.');
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
