import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'info',
      databaseUrl: undefined,
      rateLimit: 1200,
    });
    expect(config.dataDir.endsWith('data')).toBe(true);
  });

  it('names every bad variable with its expected form, never echoing a database URL', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: '99999', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://root:hunter2@db/x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.path?.[0])).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL']);
    expect(error.message).toContain('PORT must be a port number 0-65535, got "99999"');
    expect(error.message).toContain(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(error.message).not.toContain('hunter2');
  });
});
