import { describe, expect, it } from 'vitest';
import {
  ASSEMBLY_VOTE_RULE,
  COMMITTEE_QUORUM_RULE,
  defaultTitle,
  meetingPhase,
  signInProblem,
  signInWindow,
  typesProblem,
  validityWarnings,
} from './meeting-record';

const base = { committee: [], present: [], entitledToVote: 0, votersPresent: 0, votes: [] };

describe('validity of a record', () => {
  it('warns when half or fewer of the committee attend a 支委会, citing 第十二条', () => {
    const committee = ['1', '2', '3', '4'];
    const twoOfFour = validityWarnings({ ...base, types: ['支委会'], committee, present: ['1', '2', '9'] });
    expect(twoOfFour).toEqual([
      expect.objectContaining({ code: 'COMMITTEE_QUORUM', rule: COMMITTEE_QUORUM_RULE }),
    ]);
    expect(twoOfFour[0]!.message).toContain('支部委员 4 人，到会 2 人');
    expect(validityWarnings({ ...base, types: ['支委会'], committee, present: ['1', '2', '3'] })).toEqual([]);
    expect(validityWarnings({ ...base, types: ['支委会', '专题学习'], committee: [] })[0]?.code).toBe(
      'NO_COMMITTEE',
    );
  });

  it('passes a 党员大会 vote only with more than half of the 正式党员 entitled to attend in favour, not of those present', () => {
    const assembly = { ...base, types: ['支部党员大会'] as const, entitledToVote: 10, votersPresent: 6 };
    // 5 of the 6 present is a majority of those present, but not more than half of the 10 entitled.
    const five = validityWarnings({
      ...assembly,
      votes: [{ matter: '接收预备党员', inFavour: 5, against: 1, abstain: 0 }],
    });
    expect(five).toEqual([expect.objectContaining({ code: 'VOTE_NOT_PASSED', rule: ASSEMBLY_VOTE_RULE })]);
    expect(five[0]!.message).toContain('需至少 6 票');
    expect(
      validityWarnings({
        ...assembly,
        votes: [{ matter: '接收预备党员', inFavour: 6, against: 0, abstain: 0 }],
      }),
    ).toEqual([]);
  });

  it('warns that no vote may be taken when half or fewer of those entitled are present', () => {
    const w = validityWarnings({
      ...base,
      types: ['支部党员大会'],
      entitledToVote: 10,
      votersPresent: 5,
      votes: [{ matter: '预备党员转正', inFavour: 5, against: 0, abstain: 0 }],
    });
    expect(w.map((x) => x.code)).toEqual(['ASSEMBLY_QUORUM', 'VOTE_NOT_PASSED']);
  });

  it('says nothing about votes when a 党员大会 took none', () => {
    expect(
      validityWarnings({ ...base, types: ['支部党员大会'], entitledToVote: 10, votersPresent: 2 }),
    ).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('locks a held record the configured number of days after it was recorded', () => {
    expect(meetingPhase('planned', null, '2027-01-01', 30)).toBe('planned');
    expect(meetingPhase('held', '2026-11-02', '2026-12-01', 30)).toBe('held');
    expect(meetingPhase('held', '2026-11-02', '2026-12-02', 30)).toBe('locked');
  });

  it('names a combined sitting by all its types in the order of the rulebook', () => {
    expect(defaultTitle(['党课', '主题党日'], '2026-11-08')).toBe('2026年11月党课、主题党日');
  });

  it('keeps 党小组会 to party groups and groups to their own kinds of sitting', () => {
    expect(typesProblem('党支部', ['党小组会'])).toMatch(/党小组会由党小组召开/);
    expect(typesProblem('党小组', ['支委会'])).toMatch(/党小组只能登记/);
    expect(typesProblem('党支部', ['支委会', '专题学习'])).toBeNull();
  });
});

describe('sign-in window', () => {
  const at = (s: string) => new Date(`${s}+08:00`);

  it('opens half an hour before the start (Asia/Shanghai) and closes at the end', () => {
    const w = signInWindow('2026-11-20', '14:30', '16:30');
    expect(w.opens.toISOString()).toBe('2026-11-20T06:00:00.000Z');
    expect(w.closes.toISOString()).toBe('2026-11-20T08:30:00.000Z');
    expect(signInProblem(at('2026-11-20T13:59:59'), '2026-11-20', '14:30', '16:30')).toMatch(/签到尚未开始/);
    expect(signInProblem(at('2026-11-20T14:00:00'), '2026-11-20', '14:30', '16:30')).toBeNull();
    expect(signInProblem(at('2026-11-20T16:30:00'), '2026-11-20', '14:30', '16:30')).toBeNull();
    expect(signInProblem(at('2026-11-20T16:30:01'), '2026-11-20', '14:30', '16:30')).toMatch(/签到已结束/);
  });
});
