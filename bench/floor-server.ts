/**
 * The floor for the throughput measure: bare Fastify routes on the same database and driver settings that
 * run statements the real roster endpoint sends (captured from it by the bench), with no session, no scope,
 * no validation and no response schema.
 *   GET /floor      the data statements only (page and count, concurrently, as the app sends them)
 *   GET /floor-all  every statement of the request, in the app's order: session, account, grants and org
 *                   lookups one after another, then the data statements concurrently
 * The real endpoint's cost above /floor-all is its Node-side layers; /floor-all above /floor is the SQL it
 * sends besides the data.
 *
 *   node --import tsx bench/floor-server.ts --port 4100 --queries q.json (--database-url URL | --data-dir DIR)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { type Database, openEmbedded, openPostgres } from '../src/server/db/database';

interface Statement {
  text: string;
  params: unknown[];
  /** A data statement: sent concurrently with the other data statements. */
  data: boolean;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    queries: { type: 'string' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});

async function main() {
  const statements = JSON.parse(readFileSync(values.queries!, 'utf8')) as Statement[];
  const database: Database = values['database-url']
    ? await openPostgres(values['database-url'], 10)
    : await openEmbedded(values['data-dir']!);
  const client = (
    database.db as unknown as {
      $client: { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> };
    }
  ).$client;
  const app = Fastify({ logger: false });
  const data = statements.filter((s) => s.data);
  const lookups = statements.filter((s) => !s.data);
  const runData = async () =>
    (await Promise.all(data.map((s) => client.query(s.text, s.params)))).map((r) => r.rows);
  app.get('/floor', runData);
  app.get('/floor-all', async () => {
    for (const s of lookups) await client.query(s.text, s.params);
    return runData();
  });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  await app.listen({ port: Number(values.port), host: '127.0.0.1' });
  console.log(`floor listening on ${values.port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
