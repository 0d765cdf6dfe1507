import { and, desc, eq, max } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar';
import type { Executor } from '../db/database';
import { jobRuns } from './jobs.table';

export const jobRunsRepository = {
  async last(db: Executor, job: string): Promise<{ runDate: IsoDate; startedAt: Date } | null> {
    const [latest] = await db
      .select({ runDate: max(jobRuns.runDate) })
      .from(jobRuns)
      .where(eq(jobRuns.job, job));
    if (!latest?.runDate) return null;
    const [row] = await db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), eq(jobRuns.runDate, latest.runDate)));
    return row ? { runDate: row.runDate, startedAt: row.startedAt } : null;
  },

  async record(
    db: Executor,
    job: string,
    runDate: IsoDate,
    startedAt: Date,
    summary: unknown,
  ): Promise<void> {
    await db.insert(jobRuns).values({ job, runDate, startedAt, summary }).onConflictDoNothing();
  },

  async list(db: Executor, limit: number) {
    return db.select().from(jobRuns).orderBy(desc(jobRuns.runDate), jobRuns.job).limit(limit);
  },
};
