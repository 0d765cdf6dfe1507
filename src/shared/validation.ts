import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';
import { LIMITS } from './limits';

export { LIMITS };

/**
 * Field rules shared by the API schemas and the web forms, so both say the same thing in the same words.
 */

export const zIsoDate = (label: string) =>
  z.string().refine(isIsoDate, { message: `${label}格式应为 YYYY-MM-DD 的有效日期` });

export const zOptionalDate = (label: string) => zIsoDate(label).nullable().optional();

export const zPhone = z.string().trim().regex(LIMITS.phone, '手机号应为 11 位数字，以 1 开头');

export const zPassword = z
  .string()
  .min(LIMITS.passwordMin, `密码至少 ${LIMITS.passwordMin} 位`)
  .max(128, '密码过长')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: '密码须同时包含字母和数字' });

export const zPage = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
});

/**
 * A yes/no query parameter. Query strings are text, and z.coerce.boolean() would read "false" as true (any
 * non-empty string is truthy), so only the words "true" and "false" are accepted.
 */
export const zQueryFlag = (label: string) =>
  z
    .enum(['true', 'false'], { message: `${label}应为 true 或 false` })
    .default('false')
    .transform((value) => value === 'true');
