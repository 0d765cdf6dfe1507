import type { BenchSection } from '../lib/context';
import { duesSection } from './dues';
import { importSection } from './import';
import { jobsSection } from './jobs';
import { orgLifeSection } from './org-life';
import { rosterSection } from './roster';
import { serverSection } from './server';
import { studySection } from './study';
import { subtreeSection } from './subtree';

/**
 * Every measure group, in the order they run. A later module adds its own file here (its dashboards, its
 * ledgers): each section gets the loaded database, the in-process app with four logged-in accounts, and
 * afterwards the chance to start servers. The import changes the data, so it runs after the reads; the
 * daily jobs run before the servers start, so no server spends the measures catching up.
 */
export const SECTIONS: readonly BenchSection[] = [
  rosterSection,
  subtreeSection,
  importSection,
  jobsSection,
  orgLifeSection,
  duesSection,
  studySection,
  serverSection,
];
