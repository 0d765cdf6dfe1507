import type { Database } from '../../src/server/db/database';

/**
 * The SQL a request really sends: the driver's query method is wrapped while `fn` runs, so a measure can
 * say how many statements a page costs, time each one alone, and replay the data queries in the floor
 * server without copying them by hand.
 */
export interface CapturedQuery {
  text: string;
  params: unknown[];
  /** The first table after FROM/INTO/UPDATE: enough to tell session lookups from data queries. */
  table: string;
}

interface QueryClient {
  query(...args: unknown[]): Promise<unknown>;
}

function clientOf(database: Database): QueryClient {
  const client = (database.db as unknown as { $client?: QueryClient }).$client;
  if (!client || typeof client.query !== 'function')
    throw new Error('cannot reach the driver of this database');
  return client;
}

export function mainTable(text: string): string {
  const m = /\b(?:from|into|update)\s+"?([a-z_]+)"?/i.exec(text);
  return m?.[1] ?? '?';
}

export async function captureSql(database: Database, fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const client = clientOf(database);
  const original = client.query;
  const hadOwn = Object.hasOwn(client, 'query');
  const captured: CapturedQuery[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : String((first as { text?: string }).text ?? '');
    const params = Array.isArray(second) ? [...second] : [];
    captured.push({ text, params, table: mainTable(text) });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    if (hadOwn) client.query = original;
    else delete (client as Partial<QueryClient>).query;
  }
  return captured;
}

/** Runs one captured statement on the driver directly (no ORM mapping). */
export async function runRaw(database: Database, query: Pick<CapturedQuery, 'text' | 'params'>) {
  const client = clientOf(database);
  return (await client.query(query.text, query.params)) as { rows: Record<string, unknown>[] };
}

/** EXPLAIN ANALYZE of a captured statement, as text lines. */
export async function explain(database: Database, query: Pick<CapturedQuery, 'text' | 'params'>) {
  const result = await runRaw(database, {
    text: `explain (analyze, buffers, costs off, timing off, summary on) ${query.text}`,
    params: query.params,
  });
  return result.rows.map((r) => String(Object.values(r)[0]));
}
