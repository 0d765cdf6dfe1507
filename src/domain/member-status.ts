import { addMonths, addYears, type IsoDate } from './calendar';
import { actionsFrom, defineWorkflow, type Guard, outcome } from './workflow';

/** A member's party standing. The first two are "in the party"; the others are the ways out. */
export const MEMBER_STATUSES = ['预备党员', '正式党员', '转出', '停止党籍', '出党', '去世'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const ACTIVE_STATUSES: readonly MemberStatus[] = ['预备党员', '正式党员'];
export const isActive = (s: MemberStatus): boolean => ACTIVE_STATUSES.includes(s);

/** What happened, as the secretary records it; each event yields the status and org from its date on. */
export const MEMBER_EVENT_KINDS = [
  '接收预备党员',
  '转正',
  '延长预备期',
  '转入',
  '支部间调动',
  '转出',
  '停止党籍',
  '恢复党籍',
  '出党',
  '去世',
  '更正',
] as const;
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];

/** A record before its first event has no status yet: the state the member flow starts in. */
export const NO_STATUS = '无';

/** What the 预备期 guards need to know about the member. */
export interface ProbationFacts {
  /** 入党日期: the 预备期 runs from the 支部大会 that accepted the member (《中国共产党章程》第七条). */
  joinedOn: IsoDate;
  /** Whether a 延长预备期 is already on record. */
  extended: boolean;
}

/** The 预备期 is one year (《中国共产党章程》第七条). */
export const PROBATION_YEARS = 1;
/** An extension lasts at least half a year and at most one, and is granted once (《中国共产党发展党员工作细则》第五章). */
export const MIN_EXTENSION_MONTHS = 6;

/** The first day a 预备党员 may be confirmed: the end of the 预备期, or of the shortest extension. */
export function earliestConfirmationOn(facts: ProbationFacts): IsoDate {
  const end = addYears(facts.joinedOn, PROBATION_YEARS);
  return facts.extended ? addMonths(end, MIN_EXTENSION_MONTHS) : end;
}

// 转正 dates the member's 党龄 (党章第七条: "从预备期满转为正式党员之日算起"), so it cannot precede the 预备期's end.
const probationServed: Guard<ProbationFacts> = (facts, on) => {
  const due = earliestConfirmationOn(facts);
  if (on >= due) return null;
  return facts.extended
    ? `延长预备期不少于半年，${due} 前不能转正（《中国共产党发展党员工作细则》第五章）`
    : `预备期为一年，${due} 期满前不能转正（《中国共产党章程》第七条）`;
};

// The branch decides on an extension when the 预备期 ends (党章第七条), and may extend it only once (细则第五章).
const extensionAllowed: Guard<ProbationFacts> = (facts, on) => {
  if (facts.extended) return '预备期只能延长一次（《中国共产党发展党员工作细则》第五章）';
  const end = addYears(facts.joinedOn, PROBATION_YEARS);
  return on < end ? `预备期满（${end}）时方可延长预备期（《中国共产党章程》第七条）` : null;
};

const NOT_YET_OUT = ['预备党员', '正式党员', '停止党籍'] as const;

/**
 * The member status flow: which event may follow which status, and what it leads to, declared in the order
 * the form offers them (allowedEvents). A record starts with 接收预备党员 or, for a member from elsewhere,
 * 转入 with the status the letter states; 更正 may set any status.
 */
export const MEMBER_FLOW = defineWorkflow({
  name: 'member-status',
  states: [NO_STATUS, ...MEMBER_STATUSES],
  initial: NO_STATUS,
  transitions: [
    { from: NO_STATUS, to: '预备党员', action: '接收预备党员' },
    { from: [NO_STATUS, '转出'], to: MEMBER_STATUSES, action: '转入', choose: '请选择变动后的党员状态' },
    { from: '预备党员', to: '正式党员', action: '转正', guard: probationServed },
    { from: '预备党员', to: '预备党员', action: '延长预备期', guard: extensionAllowed },
    { from: '预备党员', to: '预备党员', action: '支部间调动' },
    { from: '正式党员', to: '正式党员', action: '支部间调动' },
    { from: ACTIVE_STATUSES, to: '转出', action: '转出' },
    { from: '正式党员', to: '停止党籍', action: '停止党籍' },
    { from: '停止党籍', to: '正式党员', action: '恢复党籍' },
    { from: NOT_YET_OUT, to: '出党', action: '出党' },
    { from: NOT_YET_OUT, to: '去世', action: '去世' },
    { from: MEMBER_STATUSES, to: MEMBER_STATUSES, action: '更正', choose: '请选择变动后的党员状态' },
  ],
  timers: [
    // "预备党员预备期满，党的支部应当及时讨论他能否转为正式党员" (党章第七条): remind the branch on that day.
    {
      in: '预备党员',
      after: { years: PROBATION_YEARS },
      raises: { reminder: 'member.probation-due' },
      label: '预备期满，请及时讨论能否转为正式党员（依据：《中国共产党章程》第七条）',
    },
  ],
});

/** The status an event leads to (null: keeps the current status, or the secretary chooses it). */
export const EVENT_RESULT = Object.fromEntries(
  MEMBER_EVENT_KINDS.map((kind) => [kind, outcome(MEMBER_FLOW, kind)]),
  // No transition leads back to NO_STATUS, so every outcome is a MemberStatus.
) as Record<MemberEventKind, MemberStatus | null>;

export interface StatusEvent {
  effectiveDate: IsoDate;
  /** Order of entry, to break ties between events on one date. */
  seq: number;
  status: MemberStatus;
  orgId: number;
}

/** The member's status and org on a date: the latest event on or before it, or null before the first. */
export function stateOn(events: readonly StatusEvent[], date: IsoDate): StatusEvent | null {
  let best: StatusEvent | null = null;
  for (const e of events) {
    if (e.effectiveDate > date) continue;
    if (
      !best ||
      e.effectiveDate > best.effectiveDate ||
      (e.effectiveDate === best.effectiveDate && e.seq > best.seq)
    )
      best = e;
  }
  return best;
}

/** Was the member an active member of the org on the date? ("who was a member of this branch then") */
export function wasMemberOf(events: readonly StatusEvent[], orgId: number, date: IsoDate): boolean {
  const s = stateOn(events, date);
  return s !== null && s.orgId === orgId && isActive(s.status);
}

/** Which transitions make sense from a status, dates aside; anything else is refused with a reason. */
export function allowedEvents(current: MemberStatus | null): MemberEventKind[] {
  return actionsFrom(MEMBER_FLOW, current ?? NO_STATUS);
}
