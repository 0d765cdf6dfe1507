import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openPostgres } from '../db/database';
import { testConfig } from './test-config';

/**
 * With TEST_DATABASE_URL set, the whole suite also runs on a real PostgreSQL: one fresh, migrated template
 * database per run; each test file then copies it (CREATE DATABASE … TEMPLATE), so files never share state.
 */
export default async function setup(project: TestProject) {
  const base = testConfig.databaseUrl;
  if (!base) return;
  const template = `zhibu_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const url = withDatabase(base, template);
  const database = await openPostgres(url, 2);
  await migrate(database);
  await database.close();
  project.provide('pgTemplate', template);
  return async () => {
    const rows = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname = $1 or datname like $2`,
      [template, `${template}_f%`],
    );
    for (const { datname } of rows.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | undefined;
  }
}
