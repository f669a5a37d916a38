import { defineConfig } from 'vitest/config';

// Browser journeys against the real server: one file at a time, each in its own process.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
