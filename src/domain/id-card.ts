import { type IsoDate, isIsoDate } from './calendar';

/**
 * Citizen identity number, GB 11643-1999: 17 digits + ISO 7064 MOD 11-2 check character.
 * Digits 7–14 are the birth date; digit 17 is odd for men and even for women.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdCardProblem = 'format' | 'checksum' | 'birthDate';

export interface IdCardInfo {
  normalized: string;
  birthDate: IsoDate;
  sex: '男' | '女';
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

export function parseIdCard(
  raw: string,
): { ok: true; info: IdCardInfo } | { ok: false; problem: IdCardProblem } {
  const normalized = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, problem: 'format' };
  if (checkCharacter(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, problem: 'checksum' };
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01') return { ok: false, problem: 'birthDate' };
  const sex = Number(normalized[16]) % 2 === 1 ? '男' : '女';
  return { ok: true, info: { normalized, birthDate, sex } };
}

export const ID_CARD_PROBLEM_MESSAGES: Record<IdCardProblem, string> = {
  format: '身份证号应为18位，前17位为数字，最后一位为数字或X',
  checksum: '身份证号校验位不正确（GB 11643）',
  birthDate: '身份证号中的出生日期无效',
};

/** Shown on screen and in exports to roles that may not see the full number. */
export function maskIdCard(normalized: string): string {
  return `${normalized.slice(0, 4)}**********${normalized.slice(14)}`;
}

/** Problems with the rest of a record that must agree with the ID number. */
export function idCardConsistency(
  info: IdCardInfo,
  record: { birthDate?: IsoDate | null; sex?: string | null },
): string[] {
  const problems: string[] = [];
  if (record.birthDate && record.birthDate !== info.birthDate)
    problems.push(`出生日期 ${record.birthDate} 与身份证号中的 ${info.birthDate} 不一致`);
  if (record.sex && record.sex !== info.sex)
    problems.push(`性别“${record.sex}”与身份证号（${info.sex}）不一致`);
  return problems;
}
