/**
 * The report every section writes into: timings (p50/p95/max of repeated runs), single figures and notes,
 * grouped by section, rendered as JSON (for machines and later comparisons) and Markdown (for people).
 */

export interface Timing {
  kind: 'timing';
  name: string;
  n: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  max: number;
  min: number;
  mean: number;
  note?: string;
}

export interface Figure {
  kind: 'figure';
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface SectionResult {
  id: string;
  title: string;
  timings: Timing[];
  figures: Figure[];
  notes: string[];
  /** Bulky material for the JSON only (query plans, captured statements). */
  details: Record<string, unknown>;
  /** Set when the section threw: the run goes on, the report says what broke. */
  error?: string;
  seconds: number;
}

export interface MeasureOptions {
  /** Timed runs (default 30). */
  iterations?: number;
  /** Untimed runs first, to warm caches and JIT (default 3). */
  warmup?: number;
  /** Stop early once this much time went into timed runs, keeping at least `minIterations` (default 30 s). */
  maxSeconds?: number;
  minIterations?: number;
  note?: string;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(name: string, samples: readonly number[], note?: string): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return {
    kind: 'timing',
    name,
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
    mean,
    ...(note ? { note } : {}),
  };
}

/** Runs `fn` repeatedly, one call at a time, and returns the distribution of its durations. */
export async function timeRuns(fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<number[]> {
  const iterations = options.iterations ?? 30;
  const warmup = options.warmup ?? 3;
  const budgetMs = (options.maxSeconds ?? 30) * 1000;
  const minIterations = Math.min(iterations, options.minIterations ?? 5);
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    if (samples.length >= minIterations && performance.now() - started > budgetMs) break;
  }
  return samples;
}

/** What a section writes into; one per section. */
export class SectionRecorder {
  readonly result: SectionResult;

  constructor(id: string, title: string) {
    this.result = { id, title, timings: [], figures: [], notes: [], details: {}, seconds: 0 };
  }

  /** Times `fn` (which should throw on a wrong answer) and records p50/p95/max under `name`. */
  async measure(name: string, fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Timing> {
    const timing = summarize(name, await timeRuns(fn, options), options.note);
    this.result.timings.push(timing);
    log(
      `  ${name}: p50 ${fmtMs(timing.p50)}  p95 ${fmtMs(timing.p95)}  max ${fmtMs(timing.max)}  (n=${timing.n})`,
    );
    return timing;
  }

  /** Records samples collected elsewhere (cold starts, load-generator latencies). */
  timing(name: string, samples: readonly number[], note?: string): Timing {
    const timing = summarize(name, samples, note);
    this.result.timings.push(timing);
    log(
      `  ${name}: p50 ${fmtMs(timing.p50)}  p95 ${fmtMs(timing.p95)}  max ${fmtMs(timing.max)}  (n=${timing.n})`,
    );
    return timing;
  }

  /** Times one run of `fn`, records its duration in seconds, and returns its value. */
  async once<T>(name: string, fn: () => Promise<T>, note?: string): Promise<{ value: T; seconds: number }> {
    const t0 = performance.now();
    const value = await fn();
    const seconds = (performance.now() - t0) / 1000;
    this.figure(name, seconds, 's', note);
    return { value, seconds };
  }

  figure(name: string, value: number, unit: string, note?: string): void {
    this.result.figures.push({ kind: 'figure', name, value, unit, ...(note ? { note } : {}) });
    log(`  ${name}: ${fmtValue(value, unit)}${note ? `  (${note})` : ''}`);
  }

  detail(key: string, value: unknown): void {
    this.result.details[key] = value;
  }

  note(text: string): void {
    this.result.notes.push(text);
    log(`  note: ${text}`);
  }
}

export interface ReportMeta {
  scale: string;
  db: string;
  startedAt: string;
  finishedAt?: string;
  commit: string | null;
  workingTree?: string;
  node: string;
  cpus: string;
  cpuCount: number;
  memoryGb: number;
  server: string;
  [key: string]: unknown;
}

export class Report {
  readonly sections: SectionRecorder[] = [];

  constructor(readonly meta: ReportMeta) {}

  section(id: string, title: string): SectionRecorder {
    const recorder = new SectionRecorder(id, title);
    this.sections.push(recorder);
    log(`\n## ${title}`);
    return recorder;
  }

  toJSON() {
    return { meta: this.meta, sections: this.sections.map((s) => s.result) };
  }

  toMarkdown(): string {
    const m = this.meta;
    const lines = [
      `# Zhibu benchmark — ${m.scale} on ${m.db}, ${m.startedAt.slice(0, 10)}`,
      '',
      `- started ${m.startedAt}, finished ${m.finishedAt ?? '—'}; commit \`${m.commit?.slice(0, 10) ?? 'unknown'}\` (working tree: ${m.workingTree ?? 'unknown'})`,
      `- machine: ${m.cpuCount} × ${m.cpus}, ${m.memoryGb} GB RAM; Node ${m.node}; database ${m.server}`,
    ];
    for (const [key, value] of Object.entries(m)) {
      if (
        [
          'scale',
          'db',
          'startedAt',
          'finishedAt',
          'commit',
          'workingTree',
          'node',
          'cpus',
          'cpuCount',
          'memoryGb',
          'server',
        ].includes(key)
      )
        continue;
      lines.push(`- ${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
    for (const { result: s } of this.sections) {
      lines.push('', `## ${s.title}`, '');
      if (s.error) lines.push(`**Failed:** ${s.error}`, '');
      if (s.timings.length > 0) {
        lines.push('| measure | n | p50 | p95 | max |', '|---|---:|---:|---:|---:|');
        for (const t of s.timings)
          lines.push(
            `| ${t.name}${t.note ? ` — ${t.note}` : ''} | ${t.n} | ${fmtMs(t.p50)} | ${fmtMs(t.p95)} | ${fmtMs(t.max)} |`,
          );
        lines.push('');
      }
      if (s.figures.length > 0) {
        lines.push('| figure | value |', '|---|---:|');
        for (const f of s.figures)
          lines.push(`| ${f.name}${f.note ? ` — ${f.note}` : ''} | ${fmtValue(f.value, f.unit)} |`);
        lines.push('');
      }
      for (const n of s.notes) lines.push(`- ${n}`);
      if (s.notes.length > 0) lines.push('');
    }
    return `${lines.join('\n').trimEnd()}\n`;
  }
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
