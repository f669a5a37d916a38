import { type DestinationStream, type Logger, pino } from 'pino';

/** Paths never written to logs: credentials, tokens, cookies and personal data fields. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.email',
  'databaseUrl',
];

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
}

/** Requests are logged by path only: query strings carry search terms such as people's names. */
function serializeRequest(request: RequestLike) {
  return { method: request.method, path: request.url?.split('?')[0], ip: request.ip };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: { req: serializeRequest, err: pino.stdSerializers.err },
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'enamel' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
