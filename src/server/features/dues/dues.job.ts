import { daysBetween, type IsoDate } from '../../../domain/calendar';
import {
  ARREARS_ALERT_MONTHS,
  addMonthKeys,
  arrearsLevel,
  consecutiveUnpaid,
  DEFAULT_DUES_SETTINGS,
  formatYuan,
  monthEnd,
  monthLabel,
  monthOf,
  monthStart,
  SIX_MONTH_NOTE,
} from '../../../domain/dues';
import type { AppDeps } from '../../deps';
import type { DailyTask } from '../../jobs/daily-jobs';
import { holdersOfRoleOn } from '../auth';
import { deliverToInbox, type InboxItemInput } from '../inbox';
import { findOrgs } from '../orgs';
import { duesRepository } from './dues.repository';
import { groupBy } from './dues.shared';

/** How far back the secretaries' alerts look for a run of unpaid months. */
const ALERT_WINDOW_MONTHS = 12;
const FIRST_ALERT = Math.min(...ARREARS_ALERT_MONTHS);

/**
 * The dues day: members who still owe for the current month hear it within the lead time before the
 * month ends; secretaries hear of members with 3 and with 6 consecutive unpaid ended months (the latter
 * as a matter for the branch to decide, never an automatic change of status). Reminders speak about
 * today, so catch-up days in the past deliver nothing; dedupe keys make every delivery once only.
 */
export class DuesJob implements DailyTask {
  readonly name = 'dues';

  constructor(private readonly deps: AppDeps) {}

  async run(date: IsoDate, context: { today: IsoDate }) {
    const summary = { tenants: 0, memberReminders: 0, secretaryAlerts: 0 };
    if (date !== context.today) return summary;
    for (const tenantId of await duesRepository.tenants(this.deps.db)) {
      summary.tenants++;
      summary.memberReminders += await this.remindMembers(tenantId, date);
      summary.secretaryAlerts += await this.alertSecretaries(tenantId, date);
    }
    return summary;
  }

  private async remindMembers(tenantId: number, date: IsoDate): Promise<number> {
    const month = monthOf(date);
    const left = daysBetween(date, monthEnd(month));
    const settings = await duesRepository.allSettings(this.deps.db, tenantId);
    const leadFor = (path: string) =>
      settings
        .filter((s) => path.startsWith(s.orgPath))
        .sort((a, b) => b.orgPath.length - a.orgPath.length)[0]?.reminderLeadDays ??
      DEFAULT_DUES_SETTINGS.reminderLeadDays;
    if (left > Math.max(DEFAULT_DUES_SETTINGS.reminderLeadDays, ...settings.map((s) => s.reminderLeadDays)))
      return 0;
    const owing = await duesRepository.owingWithAccounts(this.deps.db, tenantId, monthStart(month));
    const items: InboxItemInput[] = owing
      .filter((o) => left <= leadFor(o.org_path))
      .map((o) => ({
        tenantId,
        recipientAccountId: Number(o.account_id),
        kind: 'dues.due',
        title: `请在月底前交纳${monthLabel(month)}党费 ${formatYuan(Number(o.owed))} 元`,
        body: `${o.name}同志：${monthLabel(month)}党费尚有 ${formatYuan(Number(o.owed))} 元未交，${left === 0 ? '今天是本月最后一天' : `距月底还有 ${left} 天`}。请按时向支部交纳，可在“我的党费”查看计算过程。`,
        link: '/my-dues',
        dueOn: monthEnd(month),
        dedupeKey: `dues.due:${o.member_id}:${month}`,
      }));
    return deliverToInbox(this.deps.db, items);
  }

  private async alertSecretaries(tenantId: number, date: IsoDate): Promise<number> {
    const current = monthOf(date);
    const rows = await duesRepository.rowsOfOwingMembers(
      this.deps.db,
      `/${tenantId}/`,
      monthStart(addMonthKeys(current, -ALERT_WINDOW_MONTHS)),
      monthStart(current),
      { since: monthStart(addMonthKeys(current, -FIRST_ALERT)), months: FIRST_ALERT },
    );
    if (rows.length === 0) return 0;
    const recipientsOf = await this.nearestSecretaries(tenantId, date);
    const items: InboxItemInput[] = [];
    for (const [memberId, list] of groupBy(rows, (r) => r.memberId)) {
      const run = consecutiveUnpaid(
        list.map((r) => ({ ...r, month: monthOf(r.month) })),
        current,
      );
      const level = arrearsLevel(run.months);
      if (level === null || run.since === null) continue;
      const first = list[0]!;
      const orgPath = first.orgPath;
      const recipients = recipientsOf(orgPath);
      const until = addMonthKeys(run.since, run.months - 1);
      for (const accountId of recipients)
        items.push({
          tenantId,
          recipientAccountId: accountId,
          kind: level === 6 ? 'dues.arrears6' : 'dues.arrears3',
          title:
            level === 6
              ? `${first.name}已连续 ${run.months} 个月未交纳党费，请支部按规定研究处理`
              : `${first.name}已连续 ${run.months} 个月未交纳党费`,
          body:
            level === 6
              ? `${first.orgName} ${first.name}：${monthLabel(run.since)}至${monthLabel(until)}未交纳党费。${SIX_MONTH_NOTE}`
              : `${first.orgName} ${first.name}：${monthLabel(run.since)}至${monthLabel(until)}未交纳党费。请了解情况、提醒交纳；连续 6 个月将提请支部按规定研究。`,
          link: '/dues?tab=arrears',
          dueOn: null,
          dedupeKey: `dues.arrears${level}:${memberId}:${run.since}:${accountId}`,
        });
    }
    return deliverToInbox(this.deps.db, items);
  }

  /**
   * The accounts an arrears alert goes to: the secretaries (and committee members holding the grant) of
   * the member's own branch, that is the nearest org at or above the member's with a secretary grant. A
   * 党小组 has a leader, not a committee, so grants there are passed over. Upper-level secretaries are not
   * told of each owing member of their subtree (they see the totals on the dashboard); they hear of a
   * member only where no branch below them has a secretary account.
   */
  private async nearestSecretaries(tenantId: number, date: IsoDate) {
    const grants = await holdersOfRoleOn(this.deps.db, tenantId, 'secretary', date);
    const orgs = await findOrgs(this.deps.db, [...new Set(grants.map((g) => g.orgId))]);
    const groups = new Set(orgs.filter((o) => o.type === '党小组').map((o) => o.id));
    const eligible = grants.filter((g) => !groups.has(g.orgId));
    return (memberOrgPath: string): Set<number> => {
      const covering = eligible.filter((g) => memberOrgPath.startsWith(g.orgPath));
      const nearest = Math.max(0, ...covering.map((g) => g.orgPath.length));
      return new Set(covering.filter((g) => g.orgPath.length === nearest).map((g) => g.accountId));
    };
  }
}
