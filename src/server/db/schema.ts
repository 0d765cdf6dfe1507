import type { PgTable } from 'drizzle-orm/pg-core';
import * as jobsTables from '../jobs/jobs.table';
import { tablesOf } from '../module';
import { MODULES } from '../modules';

/** Tables of the platform's own mechanisms, which belong to no module. */
const PLATFORM_TABLES: readonly PgTable[] = tablesOf({ tables: jobsTables });

/**
 * Every table: the platform's and each module's, as the modules declare them. drizzle-kit reads the same
 * tables from the *.table.ts files (drizzle.config.ts); src/server/modules.test.ts checks that the two agree.
 */
export const TABLES: readonly PgTable[] = [...PLATFORM_TABLES, ...MODULES.modules.flatMap(tablesOf)];
