import type { IsoDate } from './calendar';

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

/** The status an event leads to (null: keeps the current status). */
export const EVENT_RESULT: Record<MemberEventKind, MemberStatus | null> = {
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
};

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

/** Which transitions make sense from a status; anything else is refused with a reason. */
export function allowedEvents(current: MemberStatus | null): MemberEventKind[] {
  if (current === null) return ['接收预备党员', '转入'];
  switch (current) {
    case '预备党员':
      return ['转正', '延长预备期', '支部间调动', '转出', '出党', '去世', '更正'];
    case '正式党员':
      return ['支部间调动', '转出', '停止党籍', '出党', '去世', '更正'];
    case '转出':
      return ['转入', '更正'];
    case '停止党籍':
      return ['恢复党籍', '出党', '去世', '更正'];
    case '出党':
    case '去世':
      return ['更正'];
  }
}
