import { type IsoDate, isIsoDate } from '../../../domain/calendar';
import { MEMBER_FLOW } from '../../../domain/member-status';
import { isWithin } from '../../../domain/org-rules';
import { dueTimers } from '../../../domain/workflow';
import type { AppDeps } from '../../deps';
import type { DailyTask } from '../../jobs/daily-jobs';
import { holdersOfRoleOn } from '../auth';
import { deliverToInbox, type InboxItemInput } from '../inbox';
import { membersRepository } from './members.repository';

export const PROBATION_DUE = 'member.probation-due';

/**
 * The member flow's timers, run by the daily job runner: on the day a 预备党员's 预备期 ends, the secretaries
 * over the member's branch are reminded to discuss the 转正, in the words (and with the article) the
 * flow declares for its timer. Reminders speak about
 * today, so caught-up past days deliver nothing; the dedupe key makes a rerun deliver nothing twice.
 */
export class MemberFlowJob implements DailyTask {
  readonly name = 'members';

  constructor(private readonly deps: AppDeps) {}

  async run(date: IsoDate, context: { today: IsoDate }) {
    const summary = { due: 0, reminders: 0 };
    if (date !== context.today) return summary;
    const candidates = await membersRepository.probationersAcceptedOn(
      this.deps.db,
      acceptanceDaysEndingOn(date),
    );
    const due = dueTimers(
      MEMBER_FLOW,
      candidates.map((m) => ({ ...m, state: '预备党员' as const, enteredOn: m.joinedOn })),
      date,
    ).filter((d) => 'reminder' in d.timer.raises && d.timer.raises.reminder === PROBATION_DUE);
    summary.due = due.length;
    const items: InboxItemInput[] = [];
    for (const tenantId of new Set(due.map((d) => d.instance.tenantId))) {
      const secretaries = await holdersOfRoleOn(this.deps.db, tenantId, 'secretary', date);
      for (const { instance: m, timer } of due.filter((d) => d.instance.tenantId === tenantId))
        for (const g of secretaries.filter((s) => isWithin(m.orgPath, s.orgPath)))
          items.push({
            tenantId,
            recipientAccountId: g.accountId,
            kind: PROBATION_DUE,
            title: `${m.name}预备期满`,
            body: `${m.name}于 ${m.joinedOn} 接收为预备党员，预备期于 ${date} 届满：${timer.label ?? ''}。`,
            link: `/roster?org=${g.orgId}`,
            dueOn: date,
            dedupeKey: `${PROBATION_DUE}:${m.memberId}:${date}:${g.accountId}`,
          });
    }
    summary.reminders = await deliverToInbox(this.deps.db, items);
    return summary;
  }
}

/**
 * The days a one-year 预备期 that ends on `date` began: a year back, and 29 February when `date` is the 28th of
 * a common year's February (a year after 29 February is 28 February, as `dueTimers` counts it).
 */
export function acceptanceDaysEndingOn(date: IsoDate): IsoDate[] {
  const year = Number(date.slice(0, 4)) - 1;
  const monthDay = date.slice(5);
  const days = [`${year}-${monthDay}`];
  if (monthDay === '02-28') days.push(`${year}-02-29`);
  return days.filter(isIsoDate);
}
