import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import {
  allowedEvents,
  EVENT_RESULT,
  isActive,
  MEMBER_EVENT_KINDS,
  MEMBER_FLOW,
  MEMBER_STATUSES,
  type MemberStatus,
  NO_STATUS,
  type StatusEvent,
  stateOn,
  wasMemberOf,
} from './member-status';
import { dueTimers, transition } from './workflow';

const event = (effectiveDate: string, seq: number, status: MemberStatus, orgId: number): StatusEvent => ({
  effectiveDate,
  seq,
  status,
  orgId,
});

/** Accepted in branch 3, confirmed a year later, moved to branch 6, then transferred out. */
const history: StatusEvent[] = [
  event('2015-07-01', 1, '预备党员', 3),
  event('2016-07-01', 2, '正式党员', 3),
  event('2024-03-01', 3, '正式党员', 6),
  event('2025-01-10', 4, '转出', 6),
];

describe('stateOn', () => {
  it('knows nothing before the first event', () => {
    expect(stateOn(history, '2015-06-30')).toBeNull();
    expect(stateOn([], '2026-11-20')).toBeNull();
  });

  it('takes an event from its effective date on, inclusive', () => {
    expect(stateOn(history, '2015-07-01')?.status).toBe('预备党员');
    expect(stateOn(history, '2016-06-30')?.status).toBe('预备党员');
    expect(stateOn(history, '2016-07-01')?.status).toBe('正式党员');
  });

  it('does not depend on the order the events are given in', () => {
    const shuffled = [history[2]!, history[0]!, history[3]!, history[1]!];
    for (const date of ['2015-07-01', '2016-07-01', '2024-02-29', '2024-03-01', '2025-01-10'])
      expect(stateOn(shuffled, date)).toEqual(stateOn(history, date));
  });

  it('breaks a tie between events on one date by entry order (seq), whatever the array order', () => {
    const sameDay = [event('2020-05-01', 8, '预备党员', 3), event('2020-05-01', 7, '正式党员', 3)];
    expect(stateOn(sameDay, '2020-05-01')?.seq).toBe(8);
    expect(stateOn([...sameDay].reverse(), '2020-05-01')?.seq).toBe(8);
  });

  it('lets a later date win over a higher seq (an earlier fact entered late)', () => {
    const lateEntry = [event('2021-01-01', 3, '正式党员', 6), event('2020-01-01', 9, '正式党员', 3)];
    expect(stateOn(lateEntry, '2021-06-01')?.orgId).toBe(6);
    expect(stateOn(lateEntry, '2020-06-01')?.orgId).toBe(3);
  });
});

describe('wasMemberOf', () => {
  it('counts the old branch up to the day before a transfer and the new one from its date', () => {
    expect(wasMemberOf(history, 3, '2024-02-29')).toBe(true);
    expect(wasMemberOf(history, 6, '2024-02-29')).toBe(false);
    expect(wasMemberOf(history, 3, '2024-03-01')).toBe(false);
    expect(wasMemberOf(history, 6, '2024-03-01')).toBe(true);
  });

  it('counts a 预备党员 as a member', () => {
    expect(wasMemberOf(history, 3, '2015-07-01')).toBe(true);
  });

  it('counts nobody after a transfer out, not even in the last branch', () => {
    expect(wasMemberOf(history, 6, '2025-01-09')).toBe(true);
    expect(wasMemberOf(history, 6, '2025-01-10')).toBe(false);
    expect(wasMemberOf(history, 3, '2026-11-20')).toBe(false);
  });

  it('is false before the member joined', () => {
    expect(wasMemberOf(history, 3, '2015-06-30')).toBe(false);
  });
});

describe('allowedEvents', () => {
  it('starts a record only by acceptance or a transfer in', () => {
    expect(allowedEvents(null)).toEqual(['接收预备党员', '转入']);
  });

  it('confirms or extends only a 预备党员', () => {
    expect(allowedEvents('预备党员')).toEqual(expect.arrayContaining(['转正', '延长预备期']));
    expect(allowedEvents('正式党员')).not.toContain('转正');
    expect(allowedEvents('正式党员')).not.toContain('延长预备期');
  });

  it('suspends membership (停止党籍) only of a 正式党员, and restores only a suspended one', () => {
    expect(allowedEvents('正式党员')).toContain('停止党籍');
    expect(allowedEvents('预备党员')).not.toContain('停止党籍');
    expect(allowedEvents('停止党籍')).toContain('恢复党籍');
    expect(allowedEvents('正式党员')).not.toContain('恢复党籍');
  });

  it('lets a member transferred out come back only by a transfer in', () => {
    expect(allowedEvents('转出')).toEqual(['转入', '更正']);
  });

  it('leaves only a correction after expulsion or death', () => {
    expect(allowedEvents('出党')).toEqual(['更正']);
    expect(allowedEvents('去世')).toEqual(['更正']);
  });

  it('always allows a correction once a record exists', () => {
    for (const status of MEMBER_STATUSES) expect(allowedEvents(status)).toContain('更正');
  });

  it('moves only active members between branches or out', () => {
    for (const status of MEMBER_STATUSES) {
      const moves = allowedEvents(status).filter((k) => k === '支部间调动' || k === '转出');
      expect(moves.length > 0).toBe(isActive(status));
    }
  });

  it('never offers an event whose result is a status that is already current, except corrections', () => {
    for (const status of MEMBER_STATUSES)
      for (const kind of allowedEvents(status)) {
        if (kind === '更正' || kind === '延长预备期') continue;
        const result = EVENT_RESULT[kind];
        if (result !== null) expect(result, `${status} → ${kind}`).not.toBe(status);
      }
  });
});

describe('the member flow', () => {
  it('keeps the results the status table has always given', () => {
    expect(EVENT_RESULT).toEqual({
      接收预备党员: '预备党员',
      转正: '正式党员',
      延长预备期: '预备党员',
      转入: null,
      支部间调动: null,
      转出: '转出',
      停止党籍: '停止党籍',
      恢复党籍: '正式党员',
      出党: '出党',
      去世: '去世',
      更正: null,
    });
  });

  it('declares every event kind and never leads back to having no status', () => {
    expect(new Set(MEMBER_FLOW.transitions.map((t) => t.action))).toEqual(new Set(MEMBER_EVENT_KINDS));
    for (const t of MEMBER_FLOW.transitions) expect([t.to].flat()).not.toContain(NO_STATUS);
  });

  const accepted = { joinedOn: '2025-10-01', extended: false };

  it('confirms a 预备党员 no earlier than the day the one-year 预备期 ends', () => {
    expect(transition(MEMBER_FLOW, '预备党员', '转正', accepted, '2026-09-30')).toEqual({
      ok: false,
      code: 'GUARD',
      reason: '预备期为一年，2026-10-01 期满前不能转正（《中国共产党章程》第七条）',
    });
    expect(transition(MEMBER_FLOW, '预备党员', '转正', accepted, '2026-10-01')).toMatchObject({
      ok: true,
      to: '正式党员',
    });
  });

  it('extends the 预备期 once, when it ends, and then confirms no earlier than half a year later', () => {
    expect(transition(MEMBER_FLOW, '预备党员', '延长预备期', accepted, '2026-09-30')).toMatchObject({
      ok: false,
      reason: '预备期满（2026-10-01）时方可延长预备期（《中国共产党章程》第七条）',
    });
    expect(transition(MEMBER_FLOW, '预备党员', '延长预备期', accepted, '2026-10-01')).toMatchObject({
      ok: true,
      record: { entered: false },
    });
    const extended = { ...accepted, extended: true };
    expect(transition(MEMBER_FLOW, '预备党员', '延长预备期', extended, '2027-01-01')).toMatchObject({
      ok: false,
      reason: '预备期只能延长一次（《中国共产党发展党员工作细则》第五章）',
    });
    expect(transition(MEMBER_FLOW, '预备党员', '转正', extended, '2027-03-31').ok).toBe(false);
    expect(transition(MEMBER_FLOW, '预备党员', '转正', extended, '2027-04-01').ok).toBe(true);
  });

  it('asks which status a 转入 or 更正 leads to', () => {
    expect(transition(MEMBER_FLOW, NO_STATUS, '转入', accepted, '2026-01-05')).toMatchObject({
      ok: false,
      code: 'CHOOSE',
      reason: '请选择变动后的党员状态',
    });
    expect(transition(MEMBER_FLOW, '转出', '转入', accepted, '2026-01-05', { to: '正式党员' })).toMatchObject(
      {
        ok: true,
        to: '正式党员',
      },
    );
  });

  it('reminds the branch once, on the day the 预备期 ends, counting 29 February to 28 February', () => {
    const probationers = [{ memberId: 7, state: '预备党员' as const, enteredOn: '2024-02-29' }];
    const days: string[] = [];
    for (let day = '2025-01-01'; day <= '2025-12-31'; day = addDays(day, 1))
      for (const due of dueTimers(MEMBER_FLOW, probationers, day)) {
        expect(due.timer.raises).toEqual({ reminder: 'member.probation-due' });
        days.push(due.dueOn);
      }
    expect(days).toEqual(['2025-02-28']);
  });
});
