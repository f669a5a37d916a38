import { afterEach, beforeEach, vi } from 'vitest';

// Unexpected console output fails the test: code logs through pino, commands through their io.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;

beforeEach(() => {
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`Unexpected console.${method}: ${args.map(String).join(' ').slice(0, 300)}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

process.on('unhandledRejection', (reason) => {
  throw reason instanceof Error ? reason : new Error(String(reason));
});
