import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  EVENT_RESULT,
  isActive,
  MEMBER_STATUSES,
  type MemberStatus,
  type StatusEvent,
  stateOn,
  wasMemberOf,
} from './member-status';

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
