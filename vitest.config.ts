import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: unit, subgraph and repository tests (each builds what it needs), and the federation
 * tests in tests/, which share one whole stack started by tests/global-setup.ts.
 */
export default defineConfig({
  resolve: {
    // One graphql for all: workspace code runs through Vite, which would pick graphql's ESM build,
    // while Apollo loads its CommonJS build; graphql refuses types from "another realm". Node
    // itself (tsx, pnpm start) resolves the CommonJS build for both.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['tests/database-target.ts', 'tests/build-services.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'units',
          include: ['{db,gateway,packages,schema,subgraphs}/**/*.test.ts', 'tests/repository/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'federation',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/repository/**', '**/node_modules/**'],
          globalSetup: ['tests/database-target.ts', 'tests/build-services.ts', 'tests/global-setup.ts'],
        },
      },
    ],
  },
});
