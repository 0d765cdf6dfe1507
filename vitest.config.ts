import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    // Generous: a loaded 2-core machine may be several times slower; these are hang guards, not timings.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['src/server/testing/global-setup.ts'],
    setupFiles: ['src/server/testing/property-seed.ts'],
  },
});
