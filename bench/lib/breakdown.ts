import type { Database } from '../../src/server/db/database';
import { type CapturedQuery, captureSql, explain, runRaw } from './capture';
import { fmtMs, type SectionRecorder, summarize, timeRuns } from './report';

/**
 * Where a request's time goes: the statements it sends, each timed alone on the driver, and the plan of
 * any statement slower than `planAboveMs` (kept in the JSON report).
 */
export async function statementBreakdown(
  database: Database,
  rec: SectionRecorder,
  label: string,
  request: () => Promise<unknown>,
  options: { iterations?: number; planAboveMs?: number } = {},
): Promise<CapturedQuery[]> {
  const captured = await captureSql(database, request);
  const parts: string[] = [];
  const timed: { query: string; params: unknown[]; table: string; p50: number; plan?: string[] }[] = [];
  for (const query of captured) {
    if (!/^\s*(select|with)\b/i.test(query.text)) {
      parts.push(`${query.table} (write, not replayed)`);
      timed.push({ query: query.text, params: query.params, table: query.table, p50: Number.NaN });
      continue;
    }
    const samples = await timeRuns(() => runRaw(database, query), {
      iterations: options.iterations ?? 10,
      warmup: 1,
      maxSeconds: 10,
      minIterations: 3,
    });
    const t = summarize(query.table, samples);
    const entry: (typeof timed)[number] = {
      query: query.text,
      params: query.params,
      table: query.table,
      p50: t.p50,
    };
    if (t.p50 >= (options.planAboveMs ?? 20)) entry.plan = await explain(database, query);
    timed.push(entry);
    parts.push(`${query.table} ${fmtMs(t.p50)}`);
  }
  rec.note(`${label}: ${captured.length} statements, each alone (p50): ${parts.join(', ')}`);
  rec.detail(label, timed);
  return captured;
}
