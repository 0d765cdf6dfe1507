import type { Database } from '../../src/server/db/database';
import type { BenchApp } from './app';
import type { AccountKey, Fixtures, Scale } from './load';
import type { SectionRecorder } from './report';
import type { Target } from './target';

export interface BenchOptions {
  scale: Scale;
  db: 'pglite' | 'postgres';
  skipLoad: boolean;
  keep: boolean;
  /** With --skip-load: the kept database name or PGlite folder to measure (default: the newest kept). */
  reuse: string | undefined;
  /** Only these section ids (default: all). */
  only: string[] | undefined;
  batchSize: number;
  /** Timed runs per latency measure. */
  iterations: number;
  /** Throughput: connections and seconds per run. */
  connections: number;
  seconds: number;
  /** Alternating server/floor rounds (each with a cold start of the server). */
  rounds: number;
  /** Wait at most this long for a quiet machine before starting (0: don't wait). */
  waitQuietMinutes: number;
  /** Appended to the report's file name. */
  label: string | undefined;
}

interface Common {
  options: BenchOptions;
  target: Target;
  fixtures: Fixtures;
  secretKey: Buffer;
  /** Values one phase of a section leaves for its other phase or for later sections. */
  shared: Map<string, unknown>;
}

/** The first phase: the bench holds the database and runs the real app in-process (app.inject). */
export interface AppPhase extends Common {
  database: Database;
  bench: BenchApp;
  /** Session cookie values per account, for app.inject. */
  sessions: Record<AccountKey, string>;
}

/**
 * The second phase: the bench has closed its own handle (PGlite allows one process per data folder) and
 * measures servers in child processes. The sessions were created in the database before, so they are valid
 * in any server started on it.
 */
export interface ServerPhase extends Common {
  sessions: Record<AccountKey, string>;
}

/**
 * A group of measures. To add one: write bench/sections/<name>.ts exporting a BenchSection and return it from
 * the `bench` of its module (src/server/module.ts); use `rec.measure(name, fn)` for latencies, `rec.figure`
 * for single values.
 */
export interface BenchSection {
  id: string;
  title: string;
  app?(ctx: AppPhase, rec: SectionRecorder): Promise<void>;
  server?(ctx: ServerPhase, rec: SectionRecorder): Promise<void>;
}
