import type { IsoDate } from '../domain/calendar';
import type { Config } from './config';
import type { Db } from './db/database';

export interface Clock {
  now(): Date;
  /** Today's date in Asia/Shanghai. */
  today(): IsoDate;
}

/** What every service is built from: the composition root (app.ts) makes one, tests make their own. */
export interface AppDeps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  config: Pick<
    Config,
    'secretKey' | 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'cookieSecure' | 'webDir'
  > &
    /**
     * filesDir: absent where nothing is uploaded (benchmarks); uploads then fail with a clear message.
     * loginsPerMinute: absent means the default limit.
     */
    Partial<Pick<Config, 'filesDir' | 'loginsPerMinute'>>;
}
