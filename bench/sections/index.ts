import type { AnyModule } from '../../src/server/module';
import { MODULES, PLATFORM } from '../../src/server/modules';
import type { BenchSection } from '../lib/context';
import { jobsSection } from './jobs';
import { serverSection } from './server';
import { workbenchSection } from './workbench';

async function sectionsOf(modules: readonly AnyModule[]): Promise<BenchSection[]> {
  return (await Promise.all(modules.map((m) => m.bench?.() ?? []))).flat();
}

const platform = PLATFORM.modules;
const features = MODULES.modules.filter((m) => !platform.includes(m));

/**
 * Every measure group, in the order they run: each module's sections (its `bench` in src/server/modules.ts
 * order), with the bench's own around the modules' — the workbench, a platform mechanism over every module's
 * cards, after the modules whose data it reads. Each section gets the loaded database, the in-process
 * app with four logged-in accounts, and afterwards the chance to start servers. The platform's import changes
 * the data, so it runs after the platform's reads; the daily jobs run after those and before the modules' and
 * the servers, so no server spends the measures catching up.
 */
export const SECTIONS: readonly BenchSection[] = [
  ...(await sectionsOf(platform)),
  jobsSection,
  ...(await sectionsOf(features)),
  workbenchSection,
  serverSection,
];
