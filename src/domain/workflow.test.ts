import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addYears, type IsoDate } from './calendar';
import {
  type ActionOf,
  actionsFrom,
  addDuration,
  allowedActions,
  defineWorkflow,
  dueTimers,
  outcome,
  type StateOf,
  transition,
} from './workflow';

interface Candidate {
  activistSince: IsoDate;
  trainingDays: number;
}

/** A slice of 发展党员 (细则第二、三章): activist for at least a year, then 发展对象 after 3 days of training. */
const development = defineWorkflow({
  name: 'development-sample',
  states: ['入党申请人', '入党积极分子', '发展对象', '预备党员', '已终止'],
  initial: '入党申请人',
  transitions: [
    {
      from: '入党申请人',
      to: '入党积极分子',
      action: 'confirmActivist',
      label: '确定入党积极分子',
      roles: ['secretary'],
    },
    {
      from: '入党积极分子',
      to: '发展对象',
      action: 'confirmCandidate',
      label: '确定发展对象',
      guard: (c: Candidate, on) => {
        const due = addYears(c.activistSince, 1);
        return on < due ? `培养考察不满一年，${due} 起方可确定为发展对象` : null;
      },
    },
    {
      from: '发展对象',
      to: '预备党员',
      action: 'accept',
      label: '接收预备党员',
      guard: (c: Candidate) => (c.trainingDays < 3 ? '集中培训不少于三天' : null),
    },
    { from: '入党积极分子', to: '入党积极分子', action: 'review', label: '考察' },
    { from: ['入党申请人', '入党积极分子', '发展对象'], to: '已终止', action: 'stop', label: '终止' },
  ],
  timers: [{ in: '入党积极分子', after: { months: 6 }, raises: { reminder: 'activist-review' } }],
});

/** Four-colour supervision: an open task escalates a colour every week it stays in one. */
const supervision = defineWorkflow({
  name: 'supervision-sample',
  states: ['白色领办', '蓝色催办', '黄色督办', '红色查办', '办结'],
  initial: '白色领办',
  transitions: [
    { from: '白色领办', to: '蓝色催办', action: 'escalate', label: '升级' },
    { from: '蓝色催办', to: '黄色督办', action: 'escalate', label: '升级' },
    { from: '黄色督办', to: '红色查办', action: 'escalate', label: '升级' },
    { from: ['白色领办', '蓝色催办', '黄色督办', '红色查办'], to: '办结', action: 'close', label: '办结' },
    {
      from: '办结',
      to: ['白色领办', '蓝色催办'],
      action: 'reopen',
      label: '重新督办',
      choose: '请选择重新督办的颜色',
    },
  ],
  timers: [
    { in: '白色领办', after: { days: 7 }, raises: { action: 'escalate' } },
    { in: '蓝色催办', after: { days: 7 }, raises: { action: 'escalate' } },
    { in: '黄色督办', after: { days: 7 }, raises: { action: 'escalate' } },
  ],
});

const candidate: Candidate = { activistSince: '2024-03-15', trainingDays: 3 };

describe('addDuration', () => {
  it('keeps the day of month and clamps at a shorter month end', () => {
    expect(addDuration('2025-01-31', { months: 1 })).toBe('2025-02-28');
    expect(addDuration('2024-01-31', { months: 1 })).toBe('2024-02-29');
    expect(addDuration('2024-02-29', { years: 1 })).toBe('2025-02-28');
    expect(addDuration('2023-03-31', { months: 6 })).toBe('2023-09-30');
  });

  it('adds years and months in one step, then days', () => {
    expect(addDuration('2023-12-31', { years: 1, months: 2 })).toBe('2025-02-28');
    expect(addDuration('2025-01-31', { months: 1, days: 1 })).toBe('2025-03-01');
    expect(addDuration('2025-12-28', { days: 7 })).toBe('2026-01-04');
  });
});

describe('transition', () => {
  it('moves to the declared state and returns the record to store', () => {
    const step = transition(supervision, '白色领办', 'escalate', undefined, '2026-03-02');
    expect(step).toEqual({
      ok: true,
      to: '蓝色催办',
      record: {
        workflow: 'supervision-sample',
        action: 'escalate',
        label: '升级',
        from: '白色领办',
        to: '蓝色催办',
        on: '2026-03-02',
        entered: true,
      },
    });
  });

  it('marks a transition that stays in its state as not entering it anew', () => {
    const step = transition(development, '入党积极分子', 'review', candidate, '2024-09-15');
    expect(step.ok && step.record.entered).toBe(false);
  });

  it('refuses an action the state does not offer, naming state and action in Chinese', () => {
    expect(transition(supervision, '办结', 'escalate', undefined, '2026-03-02')).toEqual({
      ok: false,
      code: 'NOT_ALLOWED',
      reason: '当前状态为“办结”，不能办理“升级”',
    });
  });

  it('refuses a role the transition is not for', () => {
    expect(transition(development, '入党申请人', 'confirmActivist', candidate, '2024-03-15')).toMatchObject({
      ok: false,
      code: 'ROLE',
      reason: '无权办理“确定入党积极分子”',
    });
    const byMember = transition(development, '入党申请人', 'confirmActivist', candidate, '2024-03-15', {
      roles: ['member'],
    });
    expect(byMember.ok).toBe(false);
    const bySecretary = transition(development, '入党申请人', 'confirmActivist', candidate, '2024-03-15', {
      roles: ['member', 'secretary'],
    });
    expect(bySecretary).toMatchObject({ ok: true, to: '入党积极分子' });
  });

  it('refuses a one-year minimum wait one day early and allows it on the day', () => {
    expect(transition(development, '入党积极分子', 'confirmCandidate', candidate, '2025-03-14')).toEqual({
      ok: false,
      code: 'GUARD',
      reason: '培养考察不满一年，2025-03-15 起方可确定为发展对象',
    });
    expect(
      transition(development, '入党积极分子', 'confirmCandidate', candidate, '2025-03-15'),
    ).toMatchObject({
      ok: true,
      to: '发展对象',
    });
  });

  it('counts a year from 29 February to 28 February', () => {
    const leap = { ...candidate, activistSince: '2024-02-29' };
    expect(transition(development, '入党积极分子', 'confirmCandidate', leap, '2025-02-27').ok).toBe(false);
    expect(transition(development, '入党积极分子', 'confirmCandidate', leap, '2025-02-28').ok).toBe(true);
  });

  it('asks for the target where the transition offers a choice, and only takes one it offers', () => {
    const ask = { ok: false, code: 'CHOOSE', reason: '请选择重新督办的颜色' };
    expect(transition(supervision, '办结', 'reopen', undefined, '2026-03-02')).toEqual(ask);
    expect(transition(supervision, '办结', 'reopen', undefined, '2026-03-02', { to: '红色查办' })).toEqual(
      ask,
    );
    expect(
      transition(supervision, '办结', 'reopen', undefined, '2026-03-02', { to: '蓝色催办' }),
    ).toMatchObject({
      ok: true,
      to: '蓝色催办',
    });
  });

  it('ignores a chosen target where the target is fixed', () => {
    const step = transition(supervision, '白色领办', 'close', undefined, '2026-03-02', { to: '红色查办' });
    expect(step).toMatchObject({ ok: true, to: '办结' });
  });
});

describe('allowedActions and actionsFrom', () => {
  it('lists the actions of a state in declaration order, guards aside', () => {
    expect(actionsFrom(development, '入党积极分子')).toEqual(['confirmCandidate', 'review', 'stop']);
    expect(actionsFrom(supervision, '办结')).toEqual(['reopen']);
  });

  it('leaves out what a guard or role refuses on the date, and keeps what only needs a choice', () => {
    expect(allowedActions(development, '入党积极分子', candidate, '2025-03-14')).toEqual(['review', 'stop']);
    expect(allowedActions(development, '入党积极分子', candidate, '2025-03-15')).toEqual([
      'confirmCandidate',
      'review',
      'stop',
    ]);
    expect(allowedActions(development, '入党申请人', candidate, '2024-03-15')).toEqual(['stop']);
    expect(allowedActions(development, '入党申请人', candidate, '2024-03-15', ['secretary'])).toEqual([
      'confirmActivist',
      'stop',
    ]);
    expect(allowedActions(supervision, '办结', undefined, '2026-03-02')).toEqual(['reopen']);
  });

  it('names the one state an action always leads to, or null', () => {
    expect(outcome(supervision, 'close')).toBe('办结');
    expect(outcome(supervision, 'escalate')).toBeNull();
    expect(outcome(supervision, 'reopen')).toBeNull();
  });
});

describe('defineWorkflow', () => {
  it('refuses two transitions for one action from one state', () => {
    expect(() =>
      defineWorkflow({
        name: 'ambiguous',
        states: ['a', 'b', 'c'],
        initial: 'a',
        transitions: [
          { from: 'a', to: 'b', action: 'go' },
          { from: ['c', 'a'], to: 'c', action: 'go' },
        ],
      }),
    ).toThrow('two transitions for go from a');
  });

  it('refuses a choice without a prompt', () => {
    expect(() =>
      defineWorkflow({
        name: 'mute',
        states: ['a', 'b'],
        initial: 'a',
        transitions: [{ from: 'a', to: ['a', 'b'], action: 'go' }],
      }),
    ).toThrow('choice without a prompt');
  });

  it('refuses a timer that waits no time or raises an action its state does not offer', () => {
    const base = {
      name: 't',
      states: ['a', 'b'],
      initial: 'a',
      transitions: [{ from: 'a', to: 'b', action: 'go' }],
    } as const;
    expect(() =>
      defineWorkflow({ ...base, timers: [{ in: 'a', after: {}, raises: { reminder: 'x' } }] }),
    ).toThrow('waits no time');
    expect(() =>
      defineWorkflow({ ...base, timers: [{ in: 'b', after: { days: 1 }, raises: { action: 'go' } }] }),
    ).toThrow('not allowed there');
  });
});

describe('dueTimers', () => {
  const tasks = [
    { id: 1, state: '白色领办', enteredOn: '2026-03-02' },
    { id: 2, state: '蓝色催办', enteredOn: '2026-03-05' },
    { id: 3, state: '办结', enteredOn: '2026-03-02' },
  ] as const;

  it('fires a timer exactly on the day its wait ends, with the instance given', () => {
    expect(dueTimers(supervision, tasks, '2026-03-08')).toEqual([]);
    const due = dueTimers(supervision, tasks, '2026-03-09');
    expect(due.map((d) => [d.instance.id, d.dueOn, d.timer.raises])).toEqual([
      [1, '2026-03-09', { action: 'escalate' }],
    ]);
  });

  it('fires each timer once over a run of days', () => {
    const fired: number[] = [];
    for (let day = '2026-03-01'; day <= '2026-04-30'; day = addDays(day, 1))
      fired.push(...dueTimers(supervision, tasks, day).map((d) => d.instance.id));
    expect(fired).toEqual([1, 2]);
  });

  it('counts a month-based timer to the clamped month end', () => {
    const activist = [{ state: '入党积极分子' as const, enteredOn: '2025-08-31' }];
    expect(dueTimers(development, activist, '2026-02-27')).toEqual([]);
    expect(dueTimers(development, activist, '2026-02-28')).toHaveLength(1);
    expect(dueTimers(development, activist, '2026-03-01')).toEqual([]);
  });

  it('lets an escalation run through the colours, a week each, by taking the action it raises', () => {
    let task = { state: supervision.initial as StateOf<typeof supervision>, enteredOn: '2026-03-02' };
    const colours: string[] = [task.state];
    for (let day = '2026-03-02'; day <= '2026-05-01'; day = addDays(day, 1))
      for (const { timer } of dueTimers(supervision, [task], day)) {
        if (!('action' in timer.raises)) continue;
        const step = transition(supervision, task.state, timer.raises.action, undefined, day);
        if (step.ok) {
          task = { state: step.to, enteredOn: day };
          colours.push(`${step.to} ${day}`);
        }
      }
    expect(colours).toEqual([
      '白色领办',
      '蓝色催办 2026-03-09',
      '黄色督办 2026-03-16',
      '红色查办 2026-03-23',
    ]);
  });
});

describe('any sequence of actions', () => {
  type Action = ActionOf<typeof development>;
  const actions = [...new Set(development.transitions.map((t) => t.action))] as Action[];

  it('visits only declared states, takes exactly what allowedActions offers, and refuses with a Chinese reason', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action: fc.constantFrom(...actions),
            days: fc.integer({ min: 0, max: 400 }),
            secretary: fc.boolean(),
            trainingDays: fc.integer({ min: 0, max: 5 }),
          }),
          { maxLength: 30 },
        ),
        (steps) => {
          let state: StateOf<typeof development> = development.initial;
          let on = '2024-01-01';
          let activistSince = on;
          for (const s of steps) {
            on = addDays(on, s.days);
            const context = { activistSince, trainingDays: s.trainingDays };
            const roles = s.secretary ? (['secretary'] as const) : [];
            const offered = allowedActions(development, state, context, on, roles).includes(s.action);
            const step = transition(development, state, s.action, context, on, { roles });
            expect(step.ok).toBe(offered);
            if (!step.ok) {
              expect(step.reason).toMatch(/\p{Script=Han}/u);
              continue;
            }
            expect(step.record.from).toBe(state);
            expect(step.record.entered).toBe(step.to !== state);
            if (step.record.entered && step.to === '入党积极分子') activistSince = on;
            state = step.to;
            expect(development.states).toContain(state);
          }
        },
      ),
    );
  });
});
