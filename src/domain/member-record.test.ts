import { describe, expect, it } from 'vitest';
import { DEFAULT_DICTIONARIES } from './dictionaries';
import { checkCharacter, ID_CARD_PROBLEM_MESSAGES } from './id-card';
import { checkMemberRecord, type MemberRecordInput, MIN_JOIN_AGE, statusFromDates } from './member-record';

const TODAY = '2026-11-20';
const vocabulary = {
  ethnicity: DEFAULT_DICTIONARIES.ethnicity.map((e) => e.label),
  education: DEFAULT_DICTIONARIES.education.map((e) => e.label),
  category: DEFAULT_DICTIONARIES.category.map((e) => e.label),
  jobTitle: DEFAULT_DICTIONARIES.jobTitle.map((e) => e.label),
};

function idCard(birthDate: string, sexDigit: number): string {
  const first17 = `110105${birthDate.replaceAll('-', '')}01${sexDigit}`;
  return first17 + checkCharacter(first17);
}

/** A man born 1990-05-15, accepted at 25, confirmed a year later. */
function record(overrides: Partial<MemberRecordInput> = {}): MemberRecordInput {
  return {
    name: '测试党员',
    sex: '男',
    ethnicity: '汉族',
    birthDate: '1990-05-15',
    education: '大学本科',
    idCard: idCard('1990-05-15', 3),
    joinedOn: '2015-07-01',
    confirmedOn: '2016-07-01',
    workStartedOn: '2012-08-01',
    category: '在职',
    ...overrides,
  };
}

const problemsOf = (input: MemberRecordInput) => checkMemberRecord(input, vocabulary, TODAY).problems;
const fields = (input: MemberRecordInput) => problemsOf(input).map((p) => p.field);

describe('checkMemberRecord', () => {
  it('accepts a complete, consistent record and returns the parsed ID number', () => {
    const result = checkMemberRecord(
      record({ idCard: ` ${idCard('1990-05-15', 3).toLowerCase()} ` }),
      vocabulary,
      TODAY,
    );
    expect(result.problems).toEqual([]);
    expect(result.idCard).toMatchObject({ birthDate: '1990-05-15', sex: '男' });
  });

  describe('joining age (《中国共产党章程》第一条)', () => {
    it('accepts joining on the 18th birthday exactly', () => {
      expect(MIN_JOIN_AGE).toBe(18);
      expect(problemsOf(record({ joinedOn: '2008-05-15', confirmedOn: '2009-05-15' }))).toEqual([]);
    });

    it('refuses joining one day short of 18, with the article cited', () => {
      const problems = problemsOf(record({ joinedOn: '2008-05-14', confirmedOn: '2009-05-14' }));
      expect(problems).toEqual([
        { field: 'joinedOn', message: '入党时应年满 18 周岁（《中国共产党章程》第一条）' },
      ]);
    });

    it('measures a leap-day birth to 1 March of a common year', () => {
      const born = '2000-02-29';
      const input = { birthDate: born, idCard: idCard(born, 3), workStartedOn: null, confirmedOn: null };
      expect(fields(record({ ...input, joinedOn: '2018-02-28' }))).toEqual(['joinedOn']);
      expect(problemsOf(record({ ...input, joinedOn: '2018-03-01' }))).toEqual([]);
    });
  });

  describe('dates in order', () => {
    it('refuses a confirmation on or before the joining date', () => {
      expect(problemsOf(record({ confirmedOn: '2015-07-01' }))).toEqual([
        { field: 'confirmedOn', message: '转正日期应晚于入党日期' },
      ]);
      expect(fields(record({ confirmedOn: '2014-07-01' }))).toEqual(['confirmedOn']);
      expect(problemsOf(record({ confirmedOn: '2015-07-02' }))).toEqual([]);
    });

    it('refuses dates after today, and does not then also complain about the age', () => {
      expect(problemsOf(record({ joinedOn: '2026-11-21', confirmedOn: null }))).toEqual([
        { field: 'joinedOn', message: '入党日期不能晚于今天' },
      ]);
      expect(fields(record({ confirmedOn: '2026-11-21' }))).toEqual(['confirmedOn']);
      expect(problemsOf(record({ joinedOn: '2026-11-20', confirmedOn: null }))).toEqual([]);
    });

    it('refuses a work start on or before the birth date', () => {
      expect(fields(record({ workStartedOn: '1990-05-15' }))).toEqual(['workStartedOn']);
      expect(problemsOf(record({ workStartedOn: null }))).toEqual([]);
    });
  });

  describe('vocabularies', () => {
    it('accepts only 民族 names of GB/T 3304', () => {
      expect(problemsOf(record({ ethnicity: '汉' }))).toEqual([
        { field: 'ethnicity', message: '“汉”不是有效的民族名称（GB/T 3304）' },
      ]);
      expect(problemsOf(record({ ethnicity: '朝鲜族' }))).toEqual([]);
      expect(problemsOf(record({ ethnicity: '外国血统中国籍人士' }))).toEqual([]);
    });

    it('accepts an empty 学历 but not an unknown one', () => {
      expect(problemsOf(record({ education: null }))).toEqual([]);
      expect(problemsOf(record({ education: '本科' }))).toEqual([
        { field: 'education', message: '“本科”不在学历字典中' },
      ]);
    });

    it('requires a known 人员类别', () => {
      expect(fields(record({ category: '退休' }))).toEqual(['category']);
      expect(problemsOf(record({ category: '离退休' }))).toEqual([]);
    });

    it('accepts a 职务 from the dictionary or none, and refuses one outside it', () => {
      expect(problemsOf(record({ jobTitle: '正科级' }))).toEqual([]);
      expect(problemsOf(record({ jobTitle: null }))).toEqual([]);
      expect(problemsOf(record({ jobTitle: '办公室主任' }))).toEqual([
        { field: 'jobTitle', message: '“办公室主任”不在职务字典中' },
      ]);
    });

    it('follows the vocabulary it is given, so a deactivated value is refused', () => {
      const withoutHan = { ...vocabulary, ethnicity: vocabulary.ethnicity.filter((e) => e !== '汉族') };
      expect(checkMemberRecord(record(), withoutHan, TODAY).problems.map((p) => p.field)).toEqual([
        'ethnicity',
      ]);
    });
  });

  describe('ID number consistency', () => {
    it('refuses a wrong check character with the GB 11643 message and no parsed number', () => {
      const good = idCard('1990-05-15', 3);
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const result = checkMemberRecord(record({ idCard: bad }), vocabulary, TODAY);
      expect(result.problems).toEqual([{ field: 'idCard', message: ID_CARD_PROBLEM_MESSAGES.checksum }]);
      expect(result.idCard).toBeNull();
    });

    it('refuses a sex that disagrees with the 17th digit', () => {
      expect(problemsOf(record({ sex: '女' }))).toEqual([
        { field: 'idCard', message: '性别“女”与身份证号（男）不一致' },
      ]);
      expect(problemsOf(record({ sex: '女', idCard: idCard('1990-05-15', 4) }))).toEqual([]);
    });

    it('refuses a birth date that disagrees with digits 7–14', () => {
      expect(problemsOf(record({ birthDate: '1990-05-16' }))).toEqual([
        { field: 'idCard', message: '出生日期 1990-05-16 与身份证号中的 1990-05-15 不一致' },
      ]);
    });

    it('reports every problem of a record at once, each in Chinese', () => {
      const problems = problemsOf(
        record({
          sex: '女',
          ethnicity: '火星族',
          category: '未知',
          joinedOn: '2000-01-01',
          confirmedOn: '1999-01-01',
        }),
      );
      expect(problems.map((p) => p.field).sort()).toEqual(
        ['category', 'confirmedOn', 'ethnicity', 'idCard', 'joinedOn'].sort(),
      );
      for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    });
  });
});

describe('statusFromDates', () => {
  it('makes a confirmed member 正式党员 and an unconfirmed one 预备党员', () => {
    expect(statusFromDates('2016-07-01')).toBe('正式党员');
    expect(statusFromDates(null)).toBe('预备党员');
    expect(statusFromDates(undefined)).toBe('预备党员');
  });
});
