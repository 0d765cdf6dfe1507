import { shanghaiDate } from '../domain/calendar';
import type { Clock } from './deps';

export function systemClock(fixedToday?: string): Clock {
  return {
    now: () => new Date(),
    today: () => fixedToday ?? shanghaiDate(new Date()),
  };
}
