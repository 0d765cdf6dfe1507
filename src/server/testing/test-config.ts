/**
 * What the test run takes from its environment, read in one place (as src/server/config.ts does for the app).
 * TEST_DATABASE_URL: also run the suite on this PostgreSQL server. PROPERTY_RUNS: runs per property test
 * that accepts more (a longer search for a counterexample). PROPERTY_SEED: the seed of every property test
 * (a fixed one by default, so two runs draw the same cases; `random` draws new ones, and a failure prints its
 * seed to replay).
 */
const DEFAULT_PROPERTY_SEED = 20261120;

export const testConfig = {
  databaseUrl: process.env.TEST_DATABASE_URL || undefined,
  propertyRuns: (fallback: number): number => {
    const n = Number(process.env.PROPERTY_RUNS);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  },
  propertySeed: ((): number | undefined => {
    const raw = process.env.PROPERTY_SEED;
    if (raw === 'random') return undefined;
    const n = Number(raw);
    return raw && Number.isInteger(n) ? n : DEFAULT_PROPERTY_SEED;
  })(),
};
