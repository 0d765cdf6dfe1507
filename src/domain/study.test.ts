import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annualTenths,
  attemptDeadline,
  buildPaper,
  examAvailability,
  examRulesProblem,
  gradeAnswer,
  HOURS_NORMS,
  hoursState,
  hoursToTenths,
  keyProblem,
  normalizeBlank,
  parseBlankAnswers,
  parseJudge,
  parseOptionKeys,
  pointsFor,
  resolvePointRules,
  sittingKeyOf,
} from './study';

describe('hours accounting', () => {
  const credit = (sittingKey: string, tenths: number, date = '2026-03-01', memberId = 1) => ({
    memberId,
    date,
    tenths,
    sittingKey,
  });

  it('counts a sitting that is also a meeting once, however many study entries point at it', () => {
    const a = sittingKeyOf({ kind: 'session', id: 10, meetingId: 7 });
    const b = sittingKeyOf({ kind: 'session', id: 11, meetingId: 7 });
    expect(a).toBe(b);
    expect(annualTenths([credit(a, 20), credit(b, 20), credit('self:3', 10)], 1, 2026)).toBe(30);
  });

  it('keeps the larger hours when one sitting was entered twice with different hours', () => {
    expect(annualTenths([credit('meeting:7', 15), credit('meeting:7', 20)], 1, 2026)).toBe(20);
  });

  it('counts separate sittings separately and only in their own year and for their own member', () => {
    const credits = [
      credit('session:1', 20),
      credit('session:2', 15),
      credit('session:3', 40, '2025-12-31'),
      credit('session:4', 40, '2026-01-05', 2),
    ];
    expect(annualTenths(credits, 1, 2026)).toBe(35);
  });

  it('never exceeds the plain sum and equals it when no sitting repeats (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 1, max: 8 }), tenths: fc.integer({ min: 0, max: 80 }) })),
        (rows) => {
          const credits = rows.map((r) => credit(`meeting:${r.key}`, r.tenths));
          const total = annualTenths(credits, 1, 2026);
          const sum = rows.reduce((s, r) => s + r.tenths, 0);
          expect(total).toBeLessThanOrEqual(sum);
          if (new Set(rows.map((r) => r.key)).size === rows.length) expect(total).toBe(sum);
        },
      ),
    );
  });

  it('keeps the norms as data: 32 学时 for members, 56 for secretaries and committee members', () => {
    expect(HOURS_NORMS.member.tenths).toBe(320);
    expect(HOURS_NORMS.committee.tenths).toBe(560);
  });

  it('judges reached, on track and behind by the share of the year elapsed', () => {
    expect(hoursState(320, 320, '2026-03-01')).toBe('reached');
    expect(hoursState(170, 320, '2026-07-01')).toBe('on_track');
    expect(hoursState(100, 320, '2026-07-01')).toBe('behind');
    expect(hoursState(0, 320, '2026-01-01')).toBe('on_track');
  });

  it('accepts hours in tenths and refuses finer or negative values', () => {
    expect(hoursToTenths(1.5)).toBe(15);
    expect(hoursToTenths(2)).toBe(20);
    expect(hoursToTenths(1.55)).toBeNull();
    expect(hoursToTenths(-1)).toBeNull();
  });
});

describe('grading', () => {
  it('grades a single choice by the one correct key', () => {
    const key = { type: 'single', correct: 'B' } as const;
    expect(gradeAnswer(key, 'B', 2)).toEqual({ score: 2, correct: true });
    expect(gradeAnswer(key, 'A', 2)).toEqual({ score: 0, correct: false });
    expect(gradeAnswer(key, ['B'], 2).score).toBe(0);
    expect(gradeAnswer(key, null, 2).score).toBe(0);
  });

  it('gives a partial multiple-choice answer nothing under the default rule', () => {
    const key = { type: 'multiple', correct: ['A', 'C', 'D'] } as const;
    expect(gradeAnswer(key, ['D', 'A', 'C'], 4)).toEqual({ score: 4, correct: true });
    expect(gradeAnswer(key, ['A', 'C'], 4).score).toBe(0);
    expect(gradeAnswer(key, ['A', 'B', 'C', 'D'], 4).score).toBe(0);
    expect(gradeAnswer(key, [], 4).score).toBe(0);
  });

  it('gives half (rounded down) for a correct subset under the half rule, still nothing for a wrong option', () => {
    const key = { type: 'multiple', correct: ['A', 'C', 'D'] } as const;
    expect(gradeAnswer(key, ['A', 'C'], 5, 'half')).toEqual({ score: 2, correct: false });
    expect(gradeAnswer(key, ['A', 'B'], 5, 'half').score).toBe(0);
    expect(gradeAnswer(key, ['A', 'C', 'D'], 5, 'half').score).toBe(5);
  });

  it('grades true/false only on a boolean', () => {
    const key = { type: 'judge', correct: false } as const;
    expect(gradeAnswer(key, false, 1).correct).toBe(true);
    expect(gradeAnswer(key, true, 1).correct).toBe(false);
    expect(gradeAnswer(key, 'false', 1).correct).toBe(false);
  });

  it('accepts fill-ins with stray whitespace, full-width characters and any accepted answer', () => {
    const key = { type: 'blank', accepted: [['四个意识'], ['两个维护', '“两个维护”']] } as const;
    expect(gradeAnswer(key, [' 四个 意识 ', '两个维护。'], 3).score).toBe(3);
    expect(gradeAnswer(key, ['四个意识', '“两个维护”'], 3).score).toBe(3);
    expect(gradeAnswer(key, ['四个意识', ''], 3).score).toBe(0);
    expect(gradeAnswer(key, ['四个意识'], 3).score).toBe(0);
    const latin = { type: 'blank', accepted: [['GDP', '国内生产总值']] } as const;
    expect(gradeAnswer(latin, ['ＧＤＰ'], 2).score).toBe(2);
    expect(gradeAnswer(latin, ['g d p'], 2).score).toBe(2);
    expect(gradeAnswer(latin, ['\u3000国内生产总值\u3000'], 2).score).toBe(2);
  });

  it('normalizes full-width digits and the ideographic space', () => {
    expect(normalizeBlank('１９２１\u3000年')).toBe('1921年');
  });

  it('never gives more than the score or less than zero (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray(['A', 'B', 'C', 'D', 'E']),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom('none' as const, 'half' as const),
        (given, score, rule) => {
          const r = gradeAnswer({ type: 'multiple', correct: ['A', 'B', 'D'] }, given, score, rule);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(score);
          expect(Number.isInteger(r.score)).toBe(true);
        },
      ),
    );
  });

  it('checks that keys fit their options', () => {
    const opts = ['A', 'B', 'C', 'D'].map((k) => ({ key: k, text: k }));
    expect(keyProblem({ type: 'single', correct: 'E' }, opts)).toMatch('不是选项');
    expect(keyProblem({ type: 'multiple', correct: ['A'] }, opts)).toMatch('至少两项');
    expect(keyProblem({ type: 'multiple', correct: ['A', 'B'] }, opts)).toBeNull();
    expect(keyProblem({ type: 'judge', correct: true }, opts)).toMatch('不需要选项');
    expect(keyProblem({ type: 'blank', accepted: [[' ']] }, [])).toMatch('每个空');
  });

  it('parses answers as people type them into a spreadsheet', () => {
    expect(parseOptionKeys('a、c，Ｄ')).toEqual(['A', 'C', 'D']);
    expect(parseJudge('√')).toBe(true);
    expect(parseJudge('错误')).toBe(false);
    expect(parseJudge('也许')).toBeNull();
    expect(parseBlankAnswers('四个意识|四意识||两个维护')).toEqual([['四个意识', '四意识'], ['两个维护']]);
  });
});

describe('exam windows and attempts', () => {
  const exam = {
    opensAt: new Date('2026-03-01T00:00:00+08:00'),
    closesAt: new Date('2026-03-31T23:59:00+08:00'),
    durationMinutes: 30,
    maxAttempts: 1,
  };
  const at = (s: string) => new Date(`${s}+08:00`);

  it('is not open before the window and closed after it', () => {
    expect(examAvailability(exam, [], at('2026-02-28T23:00:00')).state).toBe('not_open');
    expect(examAvailability(exam, [], at('2026-04-01T00:00:00')).state).toBe('closed');
    expect(examAvailability(exam, [], at('2026-03-10T09:00:00'))).toEqual({
      state: 'available',
      attemptsLeft: 1,
    });
  });

  it('allows one attempt unless more are allowed', () => {
    const done = [{ startedAt: at('2026-03-10T09:00:00'), submittedAt: at('2026-03-10T09:20:00') }];
    expect(examAvailability(exam, done, at('2026-03-11T09:00:00')).state).toBe('used_up');
    expect(examAvailability({ ...exam, maxAttempts: 2 }, done, at('2026-03-11T09:00:00')).state).toBe(
      'available',
    );
  });

  it('keeps an unsubmitted attempt in progress until its deadline and the grace, then counts it as used', () => {
    const open = [{ startedAt: at('2026-03-10T09:00:00'), submittedAt: null }];
    expect(examAvailability(exam, open, at('2026-03-10T09:29:00')).state).toBe('in_progress');
    expect(examAvailability(exam, open, at('2026-03-10T09:30:30')).state).toBe('in_progress');
    expect(examAvailability(exam, open, at('2026-03-10T09:32:00')).state).toBe('used_up');
  });

  it('ends an attempt at the window close when that comes before the duration', () => {
    const started = at('2026-03-31T23:50:00');
    expect(attemptDeadline(exam, started)).toEqual(exam.closesAt);
  });

  it('refuses a window that ends before it starts and durations out of range', () => {
    expect(examRulesProblem({ ...exam, closesAt: exam.opensAt })).toMatch('晚于');
    expect(examRulesProblem({ ...exam, durationMinutes: 0 })).toMatch('时长');
    expect(examRulesProblem({ ...exam, maxAttempts: 0 })).toMatch('次数');
    expect(examRulesProblem(exam)).toBeNull();
  });

  it('shuffles questions and options reproducibly per attempt and keeps every item', () => {
    const qs = [1, 2, 3, 4, 5, 6].map((id) => ({
      id,
      options: ['A', 'B', 'C', 'D'].map((k) => ({ key: k, text: k })),
    }));
    const a = buildPaper(qs, 42, { questions: true, options: true });
    expect(buildPaper(qs, 42, { questions: true, options: true })).toEqual(a);
    expect(a.map((p) => p.questionId).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const p of a) expect([...p.optionOrder].sort()).toEqual(['A', 'B', 'C', 'D']);
    const orders = new Set(
      [1, 2, 3, 4, 5].map((s) =>
        buildPaper(qs, s, { questions: true, options: false })
          .map((p) => p.questionId)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
    expect(buildPaper(qs, 42, { questions: false, options: false }).map((p) => p.questionId)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });
});

describe('points', () => {
  it('adds points per rule and caps them per day where the rule says so', () => {
    expect(
      pointsFor([
        { action: 'session', date: '2026-03-01', units: 1 },
        { action: 'selfStudy', date: '2026-03-01', units: 3 },
        { action: 'selfStudy', date: '2026-03-01', units: 3 },
        { action: 'dailyRead', date: '2026-03-01', units: 1 },
        { action: 'dailyRead', date: '2026-03-01', units: 1 },
        { action: 'dailyRead', date: '2026-03-02', units: 1 },
      ]),
    ).toBe(5 + 4 + 1 + 1);
  });

  it('counts with an org’s own rules, and keeps the default of an action the org did not set', () => {
    const own = resolvePointRules({ session: { points: 10, perDayMax: null } });
    expect(own.session.points).toBe(10);
    expect(own.dailyRead).toEqual({ points: 1, perDayMax: 1 });
    const events = [
      { action: 'session' as const, date: '2026-03-01', units: 1 },
      { action: 'dailyRead' as const, date: '2026-03-01', units: 1 },
    ];
    expect(pointsFor(events, own)).toBe(11);
    expect(pointsFor(events, resolvePointRules({ session: { points: 0, perDayMax: null } }))).toBe(1);
    expect(pointsFor(events, resolvePointRules(null))).toBe(6);
  });
});
