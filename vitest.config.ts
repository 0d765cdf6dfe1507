import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    // Hang guards only, never a measure: a test on a loaded 2-core machine may run ten times slower than on an
    // idle one and must still pass. A test that needs a deadline waits for a condition instead; one that
    // really hangs still fails, after ten minutes. (Found by `npm run test:stress`: the scope property test
    // and the demo-seeding hooks went past one and two minutes under load, and failed for that alone.)
    testTimeout: 600_000,
    hookTimeout: 600_000,
    globalSetup: ['src/server/testing/global-setup.ts'],
    setupFiles: ['src/server/testing/property-seed.ts'],
  },
});
