import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every table file, wherever its module or platform folder is; src/server/modules.test.ts checks that the
  // modules declare exactly these tables.
  schema: './src/server/**/*.table.ts',
  out: './migrations',
});
