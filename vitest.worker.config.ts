// The regency Worker's tests: they run inside workerd (from its npm package, offline) with a local D1 that the
// D1 migrations (db/d1-migrations) are applied to. `npm test` runs this after the Node suite.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123';
export const TEST_TOKEN_SECRET = 'test-token-secret-0123456789abcdef0123456789';

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'db/d1-migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            WARGANET_REGENCY_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
            WARGANET_REGENCY_TOKEN_SECRET: TEST_TOKEN_SECRET,
          },
        },
      }),
    ],
    test: {
      include: ['test/worker/**/*.test.ts'],
      setupFiles: ['./test/worker/apply-migrations.ts'],
      testTimeout: 30_000,
    },
  };
});
