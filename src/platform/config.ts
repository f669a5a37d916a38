import path from 'node:path';
import { z } from 'zod';
import { KeyMaterial } from './crypto/key-material.ts';
import { AppError } from './errors.ts';
import { SmtpUrl } from './mail/smtp-url.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Each variable: its schema and the form a person should write, quoted back in errors. */
const variables = {
  PORT: { schema: z.coerce.number().int().min(0).max(65535).default(8080), form: 'a port number 0-65535' },
  HOST: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]+$/)
      .default('127.0.0.1'),
    form: 'a host name or IP address such as 127.0.0.1 or 0.0.0.0',
  },
  ENAMEL_DATA_DIR: { schema: z.string().min(1).default('./data'), form: 'a directory path' },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//)
      .optional(),
    form: 'a PostgreSQL URL such as postgres://user:password@host:5432/enamel',
  },
  LOG_LEVEL: { schema: z.enum(logLevels).default('info'), form: `one of ${logLevels.join(', ')}` },
  ENAMEL_BODY_LIMIT: {
    schema: z.coerce.number().int().min(1024).max(104_857_600).default(1_048_576),
    form: 'a size in bytes between 1024 and 104857600',
  },
  ENAMEL_RATE_LIMIT: {
    schema: z.coerce.number().int().min(0).max(10_000_000).default(1200),
    form: 'requests per minute per client address (0 turns the limit off)',
  },
  ENAMEL_SESSION_IDLE_MINUTES: {
    schema: z.coerce.number().int().min(1).max(1440).default(15),
    form: 'minutes of inactivity before a session ends, 1-1440 (HIPAA automatic logoff)',
  },
  ENAMEL_SESSION_MAX_HOURS: {
    schema: z.coerce.number().int().min(1).max(720).default(12),
    form: 'hours after sign-in when a session ends regardless of activity, 1-720',
  },
  ENAMEL_PUBLIC_URL: {
    schema: z.url().optional(),
    form: 'the address people use to reach Enamel, such as https://enamel.smiledental.com',
  },
  ENAMEL_TLS_CERT: {
    schema: z.string().min(1).optional(),
    form: 'the path of a PEM certificate (chain) file; with ENAMEL_TLS_KEY, Enamel serves HTTPS',
  },
  ENAMEL_TLS_KEY: {
    schema: z.string().min(1).optional(),
    form: 'the path of the PEM private key of ENAMEL_TLS_CERT',
  },
  ENAMEL_TRUST_PROXY: {
    schema: z
      .string()
      .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/, ]+)$/)
      .optional(),
    form: 'true, a hop count such as 1, or the proxy addresses/CIDRs, comma-separated',
  },
  ENAMEL_WEB_DIR: {
    schema: z.string().min(1).optional(),
    form: 'the directory of the built web app (default web/dist, built on first start when missing)',
  },
  ENAMEL_SHUTDOWN_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(0).max(600_000).default(10_000),
    form: 'milliseconds between 0 and 600000',
  },
  ENAMEL_REMINDER_INTERVAL_MINUTES: {
    schema: z.coerce.number().int().min(0).max(1440).default(60),
    form: 'minutes between reminder runs of the server (evidence expiry, remediation tasks, attestations), 0-1440; 0 turns them off',
  },
  ENAMEL_TRACKING_URL: {
    schema: z.url().optional(),
    form: 'the address of the phishing-simulation tracking server in emails, such as https://secure-login.example.net (default ENAMEL_PUBLIC_URL)',
  },
  ENAMEL_TRACKING_PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(0),
    form: 'a TCP port for a separate tracking server (0 serves tracking from the main server)',
  },
  ENAMEL_TRACKING_HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    form: 'the interface the separate tracking server listens on',
  },
  ENAMEL_TRACKING_SCANNER_CIDRS: {
    schema: z.string().optional(),
    form: 'extra mail-scanner address ranges, comma-separated CIDRs such as 192.0.2.0/24,2001:db8::/32',
  },
  ENAMEL_TRACKING_SCANNER_USER_AGENTS: {
    schema: z.string().optional(),
    form: 'extra mail-scanner user-agent substrings, comma-separated',
  },
  ENAMEL_TRACKING_EARLY_CLICK_SECONDS: {
    schema: z.coerce.number().int().min(0).max(3600).default(10),
    form: 'seconds after delivery within which a click without a browser confirmation counts as a scanner, 0-3600',
  },
  ENAMEL_REPORT_SMTP_PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(0),
    form: 'a TCP port for the built-in SMTP receiver of reported emails (0 turns it off)',
  },
  ENAMEL_REPORT_SMTP_HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    form: 'the interface the SMTP receiver of reported emails listens on',
  },
  ENAMEL_MASTER_KEY: {
    schema: z
      .string()
      .refine((value) => KeyMaterial.fromBase64(value) !== undefined)
      .transform((value) => KeyMaterial.fromBase64(value) as KeyMaterial)
      .optional(),
    form: 'the base64 of 32 random bytes (44 characters, e.g. from `openssl rand -base64 32`)',
  },
  ENAMEL_SMTP_URL: {
    schema: z
      .string()
      .refine((value) => SmtpUrl.parse(value) !== undefined)
      .transform((value) => SmtpUrl.parse(value) as SmtpUrl)
      .optional(),
    form: 'an SMTP server URL such as smtps://user:password@smtp.example.com:465 or smtp://mail.internal:25',
  },
  ENAMEL_MAIL_FROM: {
    schema: z.email().optional(),
    form: 'the sender email address, such as security@smiledental.com (required with ENAMEL_SMTP_URL)',
  },
} as const;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly logLevel: (typeof logLevels)[number];
  readonly bodyLimit: number;
  readonly rateLimit: number;
  readonly shutdownTimeoutMs: number;
  /** Minutes between the server's compliance reminder runs; 0 means none (run `enamel compliance remind`). */
  readonly reminderIntervalMinutes: number;
  /** The built web app; undefined means the default web/dist, built when missing. */
  readonly webDir: string | undefined;
  /** HTTPS certificate and key files, both or neither. */
  readonly tls: { readonly cert: string; readonly key: string } | undefined;
  /** Fastify's trustProxy: whether X-Forwarded-* from these proxies are believed. */
  readonly trustProxy: boolean | number | string[];
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  /** Base of links in emails and CLI output; defaults to http://HOST:PORT. */
  readonly publicUrl: string;
  /** Base of phishing-simulation links (click, open pixel, landing pages); defaults to publicUrl. */
  readonly trackingUrl: string;
  /** A separate listener for tracking; port 0 means the main server answers tracking too. */
  readonly tracking: {
    readonly port: number;
    readonly host: string;
    /** Extra scanner ranges and user-agent substrings on top of the bundled defaults. */
    readonly scannerCidrs: readonly string[];
    readonly scannerUserAgents: readonly string[];
    readonly earlyClickSeconds: number;
  };
  /** The SMTP receiver of reported emails; port 0 means off. */
  readonly reportSmtp: { readonly port: number; readonly host: string };
  /** The master key from ENAMEL_MASTER_KEY; undefined means the key file in the data directory. Prints as [hidden]. */
  readonly masterKey: KeyMaterial | undefined;
  /** The SMTP server for password reset and sign-in links; undefined means email is off. Prints without credentials. */
  readonly smtpUrl: SmtpUrl | undefined;
  /** The sender address of Enamel's email. */
  readonly mailFrom: string | undefined;
}

type VariableName = keyof typeof variables;

/** Variables whose value is never quoted back in an error. */
const secretVariables: ReadonlySet<VariableName> = new Set([
  'DATABASE_URL',
  'ENAMEL_MASTER_KEY',
  'ENAMEL_SMTP_URL',
]);

function tlsFiles(
  cert: string | undefined,
  key: string | undefined,
  issues: { path: string[]; code: string; message: string }[],
) {
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    const missing = cert === undefined ? 'ENAMEL_TLS_CERT' : 'ENAMEL_TLS_KEY';
    issues.push({
      path: [missing],
      code: 'CONFIG_INVALID',
      message: `${missing} must be set too: TLS needs both the certificate and the key.`,
    });
    return undefined;
  }
  return { cert: path.resolve(cert), key: path.resolve(key) };
}

function trustProxyOf(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function optionalPath(value: string | undefined): string | undefined {
  return value === undefined ? undefined : path.resolve(value);
}

/** Reads and validates the environment; throws CONFIG_INVALID naming every bad variable and its expected form. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const issues: { path: string[]; code: string; message: string }[] = [];
  const read = <K extends VariableName>(name: K): z.output<(typeof variables)[K]['schema']> => {
    const raw = env[name];
    const parsed = variables[name].schema.safeParse(raw === '' ? undefined : raw);
    if (parsed.success) return parsed.data as z.output<(typeof variables)[K]['schema']>;
    issues.push({
      path: [name],
      code: 'CONFIG_INVALID',
      message: `${name} must be ${variables[name].form}${secretVariables.has(name) ? '' : `, got "${raw}"`}.`,
    });
    return undefined as z.output<(typeof variables)[K]['schema']>;
  };
  const config = {
    port: read('PORT'),
    host: read('HOST'),
    dataDir: path.resolve(read('ENAMEL_DATA_DIR') ?? './data'),
    databaseUrl: read('DATABASE_URL'),
    logLevel: read('LOG_LEVEL'),
    bodyLimit: read('ENAMEL_BODY_LIMIT'),
    rateLimit: read('ENAMEL_RATE_LIMIT'),
    shutdownTimeoutMs: read('ENAMEL_SHUTDOWN_TIMEOUT_MS'),
    reminderIntervalMinutes: read('ENAMEL_REMINDER_INTERVAL_MINUTES'),
    webDir: optionalPath(read('ENAMEL_WEB_DIR')),
    tls: tlsFiles(read('ENAMEL_TLS_CERT'), read('ENAMEL_TLS_KEY'), issues),
    trustProxy: trustProxyOf(read('ENAMEL_TRUST_PROXY')),
    sessionIdleMinutes: read('ENAMEL_SESSION_IDLE_MINUTES'),
    sessionMaxHours: read('ENAMEL_SESSION_MAX_HOURS'),
    publicUrl: '',
    trackingUrl: '',
    tracking: {
      port: read('ENAMEL_TRACKING_PORT'),
      host: read('ENAMEL_TRACKING_HOST'),
      scannerCidrs: commaList(read('ENAMEL_TRACKING_SCANNER_CIDRS')),
      scannerUserAgents: commaList(read('ENAMEL_TRACKING_SCANNER_USER_AGENTS')),
      earlyClickSeconds: read('ENAMEL_TRACKING_EARLY_CLICK_SECONDS'),
    },
    reportSmtp: { port: read('ENAMEL_REPORT_SMTP_PORT'), host: read('ENAMEL_REPORT_SMTP_HOST') },
    masterKey: read('ENAMEL_MASTER_KEY'),
    smtpUrl: read('ENAMEL_SMTP_URL'),
    mailFrom: read('ENAMEL_MAIL_FROM'),
  };
  if (config.smtpUrl !== undefined && !env.ENAMEL_MAIL_FROM) {
    issues.push({
      path: ['ENAMEL_MAIL_FROM'],
      code: 'CONFIG_INVALID',
      message: `ENAMEL_MAIL_FROM must be ${variables.ENAMEL_MAIL_FROM.form}.`,
    });
  }
  config.publicUrl = (read('ENAMEL_PUBLIC_URL') ?? `http://${config.host}:${config.port}`).replace(/\/$/, '');
  config.trackingUrl = (read('ENAMEL_TRACKING_URL') ?? config.publicUrl).replace(/\/$/, '');
  if (issues.length > 0) {
    throw new AppError('CONFIG_INVALID', issues.map((issue) => issue.message).join(' '), issues);
  }
  return config;
}

/** The documented variables, for `enamel config check` and the README table. */
export const configVariables = Object.fromEntries(
  Object.entries(variables).map(([name, variable]) => [name, variable.form]),
) as Record<VariableName, string>;
