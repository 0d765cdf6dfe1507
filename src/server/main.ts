import { buildApp } from './app';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { type Database, DataDirLockedError, migrate, openEmbedded, openPostgres } from './db/database';
import { DictionariesService } from './features/dictionaries/dictionaries.service';
import { IdCardCipher } from './features/members/id-card.crypto';
import { DEMO_PASSWORD, type DemoAccount, isEmpty, seedDemo } from './seed/demo';

async function main() {
  const startedAt = performance.now();
  const config = loadConfig();
  let database: Database;
  try {
    database = config.databaseUrl
      ? await openPostgres(config.databaseUrl)
      : await openEmbedded(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await migrate(database);
  const clock = systemClock(config.clockStart);
  await DictionariesService.ensureDefaults(database.db);

  let demo: DemoAccount[] = [];
  const wantDemo = config.seedDemo === 'true' || (config.seedDemo === 'auto' && (await isEmpty(database.db)));
  if (wantDemo && (await isEmpty(database.db))) {
    demo = await database.db.transaction((tx) =>
      seedDemo(tx, new IdCardCipher(config.secretKey), clock.today()),
    );
  }

  const { app, services } = await buildApp(
    { db: database.db, dbKind: database.kind, clock, config },
    { logger: { level: config.logLevel }, trustProxy: config.trustProxy },
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  // Reminders and rollup upkeep: now (catching up missed days), then hourly.
  services.jobs.start();
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const lines = [
    '',
    `智慧支部 Zhibu 已启动：http://${shownHost}:${config.port}/  （${Math.round(performance.now() - startedAt)} ms）`,
    `数据库：${database.kind === 'pglite' ? `嵌入式 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL（DATABASE_URL）'}`,
    `接口文档：http://${shownHost}:${config.port}/api/docs`,
  ];
  if (demo.length > 0) {
    lines.push(`已生成演示数据。演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of demo) lines.push(`  ${a.loginName.padEnd(10)} ${a.role}  ${a.scope}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
