import { addDays, daysBetween, type IsoDate } from '../../domain/calendar';
import type { AppDeps } from '../deps';
import { jobRunsRepository } from './jobs.repository';

/** A job run once per calendar day (Asia/Shanghai). `date` is the day being run, `today` the real one. */
export interface DailyTask {
  name: string;
  run(
    date: IsoDate,
    context: { today: IsoDate; previousRunStartedAt: Date | null },
  ): Promise<Record<string, number>>;
}

/** After downtime, at most this many missed days are caught up (older ones have nothing left to say). */
export const MAX_CATCH_UP_DAYS = 62;
const HOUR = 3600_000;

/**
 * Runs each daily task once per day: at start-up and then every hour it checks whether today's run
 * happened (job_runs), and runs every missed day in order, so a restart never repeats a day and downtime
 * never loses one. Tasks are idempotent themselves (dedupe keys, recomputed rollups), so two processes
 * racing on one day do no harm.
 */
export class DailyJobs {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly tasks: readonly DailyTask[],
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {}

  /** Runs whatever is due now; concurrent calls share one run. */
  runDue(): Promise<void> {
    this.running ??= this.runAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runAll(): Promise<void> {
    const today = this.deps.clock.today();
    for (const task of this.tasks) {
      const last = await jobRunsRepository.last(this.deps.db, task.name);
      const first = last ? addDays(last.runDate, 1) : today;
      const start =
        daysBetween(first, today) > MAX_CATCH_UP_DAYS ? addDays(today, -MAX_CATCH_UP_DAYS) : first;
      let previous = last?.startedAt ?? null;
      for (let date = start; date <= today; date = addDays(date, 1)) {
        const startedAt = this.deps.clock.now();
        try {
          const summary = await task.run(date, { today, previousRunStartedAt: previous });
          await jobRunsRepository.record(this.deps.db, task.name, date, startedAt, summary);
          previous = startedAt;
        } catch (error) {
          this.log(`daily job ${task.name} failed for ${date}`, error);
          break;
        }
      }
    }
  }

  start(): void {
    if (this.timer) return;
    void this.runDue();
    this.timer = setInterval(() => void this.runDue(), HOUR);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async history(limit = 30) {
    return jobRunsRepository.list(this.deps.db, limit);
  }
}
