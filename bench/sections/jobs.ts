import type { BenchSection } from '../lib/context';

interface DailyJobsLike {
  runDue(): Promise<unknown>;
}

/**
 * Daily jobs (reminders, rollup upkeep), when the app has them: the first run after a load catches up on
 * everything, which a server would otherwise do in the background during the measures that follow. Run
 * here, in-process and timed, so the servers start in the steady state of a day whose jobs have run.
 */
export const jobsSection: BenchSection = {
  id: 'jobs',
  title: 'Daily jobs — services.jobs.runDue(), in-process',
  async app(ctx, rec) {
    const jobs = (ctx.bench.services as unknown as { jobs?: Partial<DailyJobsLike> }).jobs;
    if (typeof jobs?.runDue !== 'function') {
      rec.note('the app has no daily jobs');
      return;
    }
    const run = () => (jobs as DailyJobsLike).runDue();
    await rec.once('first run after the load (catch-up)', run);
    await rec.once('second run the same day (nothing due)', run);
  },
};
