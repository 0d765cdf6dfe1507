/**
 * What the test run takes from its environment, read in one place (as src/server/config.ts does for the app).
 * TEST_DATABASE_URL: also run the suite on this PostgreSQL server. PROPERTY_RUNS: runs per property test
 * that accepts more (a longer search for a counterexample).
 */
export const testConfig = {
  databaseUrl: process.env.TEST_DATABASE_URL || undefined,
  propertyRuns: (fallback: number): number => {
    const n = Number(process.env.PROPERTY_RUNS);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  },
};
