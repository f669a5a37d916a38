import { inspect } from 'node:util';

/**
 * An smtp:// or smtps:// URL whose credentials never print: String(), JSON (and so pino and
 * `enamel config check`) and util.inspect show the address with the user name and password masked.
 */
export class SmtpUrl {
  readonly #url: URL;

  private constructor(url: URL) {
    this.#url = url;
  }

  /** Parses `smtp://[user:password@]host[:port]` or `smtps://...`; undefined for anything else. */
  static parse(text: string): SmtpUrl | undefined {
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      return undefined;
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return undefined;
    if (url.hostname === '' || (url.pathname !== '' && url.pathname !== '/')) return undefined;
    return new SmtpUrl(url);
  }

  /** smtps:// is TLS from the first byte (port 465); smtp:// upgrades with STARTTLS when the server offers it. */
  get isImplicitTls(): boolean {
    return this.#url.protocol === 'smtps:';
  }

  get host(): string {
    return this.#url.hostname.replace(/^\[(.*)\]$/, '$1');
  }

  /** The port from the URL, else 465 for smtps:// and 587 (message submission, RFC 6409) for smtp://. */
  get port(): number {
    if (this.#url.port !== '') return Number(this.#url.port);
    return this.isImplicitTls ? 465 : 587;
  }

  /** The credentials, decoded, for the SMTP AUTH command only; undefined when the URL carries none. */
  credentials(): { user: string; pass: string } | undefined {
    if (this.#url.username === '') return undefined;
    return {
      user: decodeURIComponent(this.#url.username),
      pass: decodeURIComponent(this.#url.password),
    };
  }

  toString(): string {
    const auth = this.#url.username === '' ? '' : '***@';
    return `${this.#url.protocol}//${auth}${this.#url.host}`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return `SmtpUrl ${this.toString()}`;
  }
}
