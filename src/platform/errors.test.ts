import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, errorCodes } from './errors.ts';

describe('error codes', () => {
  it('are each documented in docs/errors.md', () => {
    const doc = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    expect(Object.keys(errorCodes).filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
  it('carry their status', () => {
    expect(new AppError('IMPORT_INVALID', 'x').status).toBe(422);
    expect(new AppError('NOT_FOUND', 'x').status).toBe(404);
  });
});
