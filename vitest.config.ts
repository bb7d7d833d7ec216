import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'src/**/*.test.ts',
      'db/**/*.test.ts',
      'radius/**/*.test.ts',
      'captive-portal/**/*.test.{ts,tsx}',
    ],
    // The regency Worker's tests run inside workerd (vitest.worker.config.ts), not in Node.
    exclude: ['test/worker/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
