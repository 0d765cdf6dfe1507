import fc from 'fast-check';
import { testConfig } from './test-config';

// Every property test draws from one seed: the same cases on every run and machine, so a red run means the
// code changed, not the dice. PROPERTY_SEED=random explores; fast-check prints the seed of a failure.
if (testConfig.propertySeed !== undefined) fc.configureGlobal({ seed: testConfig.propertySeed });
