import ExcelJS from 'exceljs';
import { addDays, addYears, type IsoDate } from '../../src/domain/calendar';
import { checkCharacter } from '../../src/domain/id-card';
import { headerText, ROSTER_COLUMNS } from '../../src/server/features/members/roster.excel';

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '建国志强海燕丽华明辉晓红文静雅婷子豪宇航思远浩然欣怡';

/**
 * A roster import file as a user would fill the template: the template's header row, one valid member per
 * row. ID numbers are valid GB 11643 numbers under region code 9xxxxx (the generator only uses 3504xx) with
 * a per-run tag, and phones start with 17 (the generator uses 13/15/18/19), so a file never collides with
 * the generated roster nor with an earlier run's import into a kept database.
 */
export async function buildRosterFile(rows: number, runTag: number): Promise<Buffer> {
  const tag = String(10_000 + (runTag % 90_000));
  const region = `9${tag}`;
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  sheet.addRow(ROSTER_COLUMNS.map(headerText));
  const firstBirth: IsoDate = '1964-01-01';
  for (let i = 0; i < rows; i++) {
    // One birth date per row keeps every ID unique within the file (10,000 rows span ~27 years).
    const birthDate = addDays(firstBirth, i);
    const male = i % 5 < 3;
    const seqDigit = male ? (i % 5) * 2 + 1 : (i % 5) * 2;
    const first17 = `${region}${birthDate.replaceAll('-', '')}01${seqDigit}`;
    const idCard = first17 + checkCharacter(first17);
    const joinedOn = addYears(birthDate, 25);
    const values: Record<string, unknown> = {
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`,
      sex: male ? '男' : '女',
      ethnicity: '汉族',
      birthDate: excelDate(birthDate),
      education: '大学本科',
      idCard,
      phone: `17${tag.slice(1)}${String(i).padStart(5, '0')}`,
      joinedOn: excelDate(joinedOn),
      confirmedOn: i % 20 === 0 ? null : excelDate(addDays(addYears(joinedOn, 1), 3)),
      workStartedOn: excelDate(addYears(birthDate, 22)),
      jobTitle: '科员',
      category: '在职',
      note: null,
    };
    sheet.addRow(ROSTER_COLUMNS.map((c) => values[c.field] ?? null));
  }
  for (const [i, c] of ROSTER_COLUMNS.entries()) {
    const column = sheet.getColumn(i + 1);
    if (c.kind === 'idCard' || c.kind === 'phone') column.numFmt = '@';
    if (c.kind === 'date') column.numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A calendar date as Excel stores a typed date (midnight UTC). */
function excelDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}
