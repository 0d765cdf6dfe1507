import type { IsoDate } from '../../../domain/calendar';
import { formatHours, HOURS_NORMS, HOURS_REMINDER_DAYS } from '../../../domain/study';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { DailyTask } from '../../jobs/daily-jobs';
import { holdersOfRoleOn } from '../auth';
import { deliverToInbox, type InboxItemInput } from '../inbox';
import { studySessionsRepository } from './sessions.repository';
import { studyRepository, studyUpkeepRepository } from './study.repository';
import type { StudyServices } from './study.services';

const DIGEST_LINES = 30;

/**
 * The study day: linked sessions take over attendance changed in their meeting records, every active member
 * gets the year's row (org and norm as of the day), the year's rollups are reconciled from the facts, and on
 * the reminder days members under the norm and their secretaries hear about it well before the year ends.
 */
export class StudyJob implements DailyTask {
  readonly name = 'study';

  constructor(
    private readonly deps: AppDeps,
    private readonly study: StudyServices,
  ) {}

  async run(date: IsoDate, context: { today: IsoDate }) {
    const summary = { tenants: 0, synced: 0, rollups: 0, reminders: 0 };
    const year = Number(date.slice(0, 4));
    for (const tenantId of await studyRepository.tenants(this.deps.db)) {
      summary.tenants++;
      await this.deps.db.transaction(async (tx) => {
        for (const id of await studySessionsRepository.staleLinkedSessions(tx, tenantId)) {
          const session = await studySessionsRepository.findSession(tx, id);
          if (session) await this.study.sessions.credit(tx, session);
          summary.synced++;
        }
        await studyUpkeepRepository.reconcileMemberYears(tx, tenantId, year, date, {
          member: HOURS_NORMS.member.tenths,
          committee: HOURS_NORMS.committee.tenths,
        });
        summary.rollups += await studyRepository.rebuildRollups(tx, tenantId, year);
      });
      if (date === context.today && (HOURS_REMINDER_DAYS as readonly string[]).includes(date.slice(5)))
        summary.reminders += await deliverHoursReminders(this.deps.db, tenantId, year, date);
    }
    return summary;
  }
}

/** Each member under the norm hears where they stand; each secretary gets the list of their branch. */
export async function deliverHoursReminders(
  db: Executor,
  tenantId: number,
  year: number,
  date: IsoDate,
): Promise<number> {
  const under = await studyRepository.underNorm(db, tenantId, year);
  const items: InboxItemInput[] = [];
  for (const m of under) {
    if (m.accountId === null) continue;
    items.push({
      tenantId,
      recipientAccountId: m.accountId,
      kind: 'study.hours',
      title: `${year} 年学习学时尚差 ${formatHours(m.normTenths - m.tenths)}`,
      body: `您本年度已累计 ${formatHours(m.tenths)}，年度要求 ${formatHours(m.normTenths)}。请在年底前参加集中学习或登记自学。`,
      link: '/my/study',
      dueOn: `${year}-12-31`,
      dedupeKey: `study.hours:${year}:${date}:${m.memberId}`,
    });
  }
  const secretaries = await holdersOfRoleOn(db, tenantId, 'secretary', date);
  for (const g of secretaries) {
    const mine = under.filter((m) => m.orgPath.startsWith(g.orgPath));
    if (mine.length === 0) continue;
    const lines = mine
      .slice(0, DIGEST_LINES)
      .map((m) => `${m.name}：${formatHours(m.tenths)} / ${formatHours(m.normTenths)}`);
    if (mine.length > DIGEST_LINES) lines.push(`……等共 ${mine.length} 人`);
    items.push({
      tenantId,
      recipientAccountId: g.accountId,
      kind: 'study.hoursDigest',
      title: `${year} 年尚有 ${mine.length} 名党员学时未达标`,
      body: lines.join('\n'),
      link: `/study?org=${g.orgId}&tab=hours`,
      dueOn: `${year}-12-31`,
      dedupeKey: `study.hoursDigest:${year}:${date}:${g.orgId}:${g.accountId}`,
    });
  }
  return deliverToInbox(db, items);
}
