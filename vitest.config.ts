import { defineConfig } from 'vitest/config'

/**
 * Test projects:
 * - unit: pure domain tests (no database);
 * - sqlite / postgres: the same storage and HTTP tests, once per engine (each file gets a fresh
 * *   database: a temporary SQLite file, or a PostgreSQL clone of a migrated template);
 * - browser: end-to-end flows in Debian's Chromium through playwright-core.
 */
const storage = ['src/**/*.routes.test.ts', 'src/**/*.repo.test.ts', 'test/**/*.test.ts']
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.domain.test.ts', 'src/**/*.unit.test.ts'], environment: 'node' } },
      { test: { name: 'sqlite', include: storage, env: { TEST_DIALECT: 'sqlite' }, testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'postgres',
          include: storage,
          env: { TEST_DIALECT: 'postgres' },
          globalSetup: ['test/pg-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: true,
        },
      },
      { test: { name: 'browser', include: ['e2e/**/*.e2e.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
})
