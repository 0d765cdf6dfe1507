import { describe, expect, it } from 'vitest';
import {
  ALLOWED_CHILDREN,
  ancestorsOf,
  childPath,
  isBranch,
  isWithin,
  ORG_TYPES,
  type OrgType,
  pathIds,
  type SizeInput,
  sizeWarnings,
  termEnd,
  termState,
  termWarnings,
} from './org-rules';

const codes = (input: SizeInput) => sizeWarnings(input).map((w) => w.code);
const branch = (fullMembers: number, committeeSize = 0, allMembers = fullMembers): SizeInput => ({
  type: '党支部',
  fullMembers,
  allMembers,
  committeeSize,
});

describe('term of office (换届)', () => {
  it('runs three years for branches and general branches, five for committees, none for party groups', () => {
    const start = '2023-11-20';
    const end = (type: OrgType) => termEnd({ type, termStart: start, termExtensionMonths: 0 });
    expect(end('党支部')).toBe('2026-11-20');
    expect(end('联合党支部')).toBe('2026-11-20');
    expect(end('党总支')).toBe('2026-11-20');
    expect(end('党委')).toBe('2028-11-20');
    expect(end('机关党委')).toBe('2028-11-20');
    expect(end('工委')).toBe('2028-11-20');
    expect(end('党小组')).toBeNull();
  });

  it('has no end while the term start is unknown', () => {
    expect(termEnd({ type: '党支部', termStart: null, termExtensionMonths: 0 })).toBeNull();
    expect(termState({ type: '党支部', termStart: null, termExtensionMonths: 6 }, '2026-11-20')).toEqual({
      kind: 'none',
    });
  });

  it('adds an approved extension to the end', () => {
    expect(termEnd({ type: '党支部', termStart: '2023-11-20', termExtensionMonths: 6 })).toBe('2027-05-20');
    expect(termEnd({ type: '党支部', termStart: '2023-11-20', termExtensionMonths: 12 })).toBe('2027-11-20');
    expect(termEnd({ type: '机关党委', termStart: '2021-08-31', termExtensionMonths: 6 })).toBe('2027-02-28');
  });

  it('ends a term started on a leap day on 28 February', () => {
    expect(termEnd({ type: '党支部', termStart: '2024-02-29', termExtensionMonths: 0 })).toBe('2027-02-28');
  });

  it('warns exactly six months before the end, not a day earlier, and reports expiry on the end date', () => {
    const term = { type: '党支部' as const, termStart: '2023-11-20', termExtensionMonths: 0 };
    expect(termWarnings(term, '2026-05-19')).toEqual([]);
    expect(termWarnings(term, '2026-05-20').map((w) => w.code)).toEqual(['TERM_DUE_SOON']);
    expect(termWarnings(term, '2026-11-19').map((w) => w.code)).toEqual(['TERM_DUE_SOON']);
    expect(termWarnings(term, '2026-11-20').map((w) => w.code)).toEqual(['TERM_EXPIRED']);
    expect(termWarnings(term, '2029-01-01').map((w) => w.code)).toEqual(['TERM_EXPIRED']);
  });

  it('names the end date in the warning, in Chinese', () => {
    const term = { type: '党支部' as const, termStart: '2023-11-20', termExtensionMonths: 0 };
    expect(termWarnings(term, '2026-11-20')[0]!.message).toBe('本届任期已于 2026-11-20 届满，应及时换届');
    expect(termWarnings(term, '2026-06-01')[0]!.message).toContain('2026-11-20 届满');
  });

  it('moves both the warning and the expiry by the extension', () => {
    const term = { type: '党支部' as const, termStart: '2023-11-20', termExtensionMonths: 12 };
    expect(termState(term, '2026-11-20')).toEqual({ kind: 'current', end: '2027-11-20' });
    expect(termState(term, '2027-05-19')).toEqual({ kind: 'current', end: '2027-11-20' });
    expect(termState(term, '2027-05-20')).toEqual({ kind: 'dueSoon', end: '2027-11-20' });
    expect(termState(term, '2027-11-20')).toEqual({ kind: 'expired', end: '2027-11-20' });
  });

  it('never warns about a party group', () => {
    expect(
      termWarnings({ type: '党小组', termStart: '2000-01-01', termExtensionMonths: 0 }, '2026-11-20'),
    ).toEqual([]);
  });
});

describe('branch size rules', () => {
  it('wants at least 3 正式党员 to form a 党支部', () => {
    expect(codes(branch(2))).toContain('BRANCH_TOO_SMALL');
    expect(codes(branch(3))).not.toContain('BRANCH_TOO_SMALL');
  });

  it('counts only 正式党员 toward the minimum, not 预备党员', () => {
    expect(codes(branch(2, 0, 5))).toContain('BRANCH_TOO_SMALL');
  });

  it('does not ask a 联合党支部 (the remedy for small units) to grow', () => {
    expect(codes({ type: '联合党支部', fullMembers: 2, allMembers: 2, committeeSize: 0 })).toEqual([]);
  });

  it('requires a committee from 7 正式党员 on', () => {
    expect(codes(branch(6, 0))).toEqual([]);
    expect(codes(branch(7, 0))).toEqual(['COMMITTEE_REQUIRED']);
    expect(codes(branch(7, 3))).toEqual([]);
  });

  it('does not judge the size of a committee a branch of fewer than 7 is not obliged to have', () => {
    expect(codes(branch(6, 2))).toEqual([]);
    expect(codes(branch(6, 1))).toEqual([]);
  });

  it('wants a committee of at least 3 where one is required', () => {
    expect(codes(branch(7, 2))).toEqual(['COMMITTEE_TOO_SMALL']);
    expect(codes(branch(7, 3))).toEqual([]);
  });

  it('allows a committee of up to 7, never 8', () => {
    expect(codes(branch(20, 7))).toEqual([]);
    expect(codes(branch(20, 8))).toEqual(['COMMITTEE_TOO_LARGE']);
    expect(codes(branch(5, 8))).toEqual(['COMMITTEE_TOO_LARGE']);
  });

  it('suggests a 党总支 above 50 members, counting 预备党员 too', () => {
    expect(codes(branch(40, 5, 50))).toEqual([]);
    expect(codes(branch(40, 5, 51))).toEqual(['SHOULD_BE_GENERAL_BRANCH']);
  });

  it('suggests a committee (党委) instead above 100 members, and only that', () => {
    expect(codes(branch(90, 5, 100))).toEqual(['SHOULD_BE_GENERAL_BRANCH']);
    expect(codes(branch(90, 5, 101))).toEqual(['SHOULD_BE_COMMITTEE']);
  });

  it('asks a 党总支 above 100 members to become a 党委', () => {
    const general = (allMembers: number): SizeInput => ({
      type: '党总支',
      fullMembers: allMembers,
      allMembers,
      committeeSize: 5,
    });
    expect(codes(general(100))).toEqual([]);
    expect(codes(general(101))).toEqual(['SHOULD_BE_COMMITTEE']);
  });

  it('does not apply branch rules to committees, however large or small', () => {
    for (const type of ['党委', '机关党委', '工委'] as const)
      expect(codes({ type, fullMembers: 2, allMembers: 5000, committeeSize: 0 })).toEqual([]);
  });

  it('explains each warning in Chinese and cites the regulation', () => {
    const [w] = sizeWarnings(branch(2));
    expect(w!.message).toBe('正式党员 2 人，不足 3 人，应与邻近单位成立联合党支部');
    expect(w!.rule).toContain('《中国共产党支部工作条例（试行）》');
    expect(sizeWarnings(branch(7, 8))[0]!.message).toContain('不超过 7 人');
  });
});

describe('org tree shape', () => {
  it('lets a 党支部 hold only 党小组, and a 党小组 nothing', () => {
    expect(ALLOWED_CHILDREN.党支部).toEqual(['党小组']);
    expect(ALLOWED_CHILDREN.联合党支部).toEqual(['党小组']);
    expect(ALLOWED_CHILDREN.党小组).toEqual([]);
  });

  it('lets a 党总支 hold branches only', () => {
    expect([...ALLOWED_CHILDREN.党总支].sort()).toEqual(['党支部', '联合党支部'].sort());
  });

  it('never places a 工委 or 机关党委 below a 党委, 党总支 or branch', () => {
    for (const parent of ['机关党委', '党委', '党总支', '党支部', '联合党支部', '党小组'] as const)
      expect(ALLOWED_CHILDREN[parent]).not.toContain('工委');
    for (const parent of ['党委', '党总支', '党支部', '联合党支部', '党小组'] as const)
      expect(ALLOWED_CHILDREN[parent]).not.toContain('机关党委');
  });

  it('keeps 党小组 inside a branch: no committee holds one directly', () => {
    for (const type of ORG_TYPES) expect(ALLOWED_CHILDREN[type].includes('党小组')).toBe(isBranch(type));
  });

  it('lets a 工委 hold lower 工委 (a province holds its cities)', () => {
    expect(ALLOWED_CHILDREN.工委).toContain('工委');
    expect(ALLOWED_CHILDREN.工委).toContain('机关党委');
  });
});

describe('materialized paths', () => {
  it('builds a child path from its parent', () => {
    expect(childPath(null, 1)).toBe('/1/');
    expect(childPath('/1/2/', 23)).toBe('/1/2/23/');
    expect(pathIds('/1/2/23/')).toEqual([1, 2, 23]);
  });

  it('treats a subtree by whole path segments: /1/23/ is not inside /1/2/', () => {
    expect(isWithin('/1/2/23/', '/1/2/')).toBe(true);
    expect(isWithin('/1/2/', '/1/2/')).toBe(true);
    expect(isWithin('/1/23/', '/1/2/')).toBe(false);
    expect(isWithin('/1/', '/1/2/')).toBe(false);
  });

  it('lists the orgs on a path root first, each with its own path', () => {
    expect(ancestorsOf('/1/5/23/')).toEqual([
      { id: 1, path: '/1/' },
      { id: 5, path: '/1/5/' },
      { id: 23, path: '/1/5/23/' },
    ]);
    expect(ancestorsOf('/')).toEqual([]);
  });
});
