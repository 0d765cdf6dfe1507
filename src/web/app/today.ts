import type { IsoDate } from '../../domain/calendar';
import { useMe } from './auth';

/**
 * Today as the server's clock has it (Asia/Shanghai), read with the signed-in user: the browser's clock and
 * time zone may differ, and a demo or browser test fixes the server's date. Sessions end after hours, so a
 * new day arrives with the next sign-in.
 */
export function useToday(): IsoDate {
  return useMe().today;
}
