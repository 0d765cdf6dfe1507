import { shanghaiDate } from '../domain/calendar';
import type { Clock } from './deps';

/**
 * The real clock, or one that starts at `start` and runs on at the real pace (demos, browser tests): the
 * offset is fixed when the clock is made, so "today" and "now" always agree with each other.
 */
export function systemClock(start?: Date, realNow: () => number = Date.now): Clock {
  const offset = start ? start.getTime() - realNow() : 0;
  const now = () => new Date(realNow() + offset);
  return { now, today: () => shanghaiDate(now()) };
}
