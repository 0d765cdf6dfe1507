import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';
import { compactCode, plainFigure } from '../domain/input';
import { LIMITS } from './limits';

export { LIMITS };

/**
 * Field rules shared by the API schemas and the web forms, so both say the same thing in the same words.
 */

// Text typed in full width (an IME's 全角 mode) or with stray spaces is normalised before it is checked. An
// overwrite, not a preprocess: these rules also describe responses, which must encode both ways.
export const zIsoDate = (label: string) =>
  z
    .string()
    .overwrite(plainFigure)
    .refine(isIsoDate, { message: `${label}格式应为 YYYY-MM-DD 的有效日期` });

export const zOptionalDate = (label: string) => zIsoDate(label).nullable().optional();

export const zPhone = z
  .string()
  .overwrite(compactCode)
  .regex(LIMITS.phone, '手机号应为 11 位数字，以 1 开头');

/** A 身份证号 as typed: groups, full width and a small x accepted; the number's own checks are the roster's. */
export const zIdCardText = z.string().overwrite(compactCode).min(1, '身份证号不能为空');

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
