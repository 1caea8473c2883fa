import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Two projects: everything that runs inside workerd (pure modules and the real Worker with
// real D1 and Queues), and the browser tests, which drive Debian's Chromium from Node.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: './src/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  OPERATOR_TOKEN: 'op_test_token',
                  DEMO_MODE: '',
                  // Failed queue messages retry after 1 s, 2 s …, and a delivery is dead after three tries: the
                  // fault tests run retries and the dead-letter queue for real, in seconds.
                  QUEUE_RETRY_BASE_SECONDS: '1',
                  INGEST_MAX_TRIES: '3',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
            setupFiles: ['./tests/setup/apply-migrations.ts'],
            // Real queues deliver in 1 s batch windows and retry after seconds: a test that waits for a
            // re-score or a dead letter needs more than vitest's 5 s on a loaded machine.
            testTimeout: 30_000,
          },
        },
        {
          test: {
            name: 'browser',
            include: ['tests/browser/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
