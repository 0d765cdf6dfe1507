import { addDays, daysBetween, type IsoDate, laterOf, parts } from '../../../domain/calendar';
import { MEETING_TYPES, type MeetingType, ruleOn } from '../../../domain/org-life-rules';
import { pathIds } from '../../../domain/org-rules';
import { periodFromKey, periodOf } from '../../../domain/period';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { DailyTask } from '../../jobs/daily-jobs';
import { holdersOfRoleOn } from '../auth';
import { deliverToInbox, type InboxItemInput } from '../inbox';
import { meetingsRepository } from './meetings.repository';
import { orgLifeJobRepository } from './org-life.job.repository';
import { type OrgLifeSettings, rebuildRollups, rollupsRepository } from './rollups.repository';

const ORGS_PER_TRANSACTION = 2000;
const DIGEST_LINES = 20;

/**
 * The organizational-life day: obligations of newly started periods are materialized (and orgs changed
 * since the last run re-derived), secretaries get a reminder before a period ends for each rule still
 * 待完成, and after each month end supervisors get a digest of what their subtree missed.
 */
export class OrgLifeJob implements DailyTask {
  readonly name = 'org-life';

  constructor(private readonly deps: AppDeps) {}

  async run(date: IsoDate, context: { today: IsoDate; previousRunStartedAt: Date | null }) {
    const summary = { tenants: 0, rollupChanges: 0, reminders: 0, digests: 0 };
    for (const tenantId of await rollupsRepository.tenants(this.deps.db)) {
      summary.tenants++;
      const settings = await rollupsRepository.settings(this.deps.db, tenantId, date);
      summary.rollupChanges += await this.materialize(tenantId, settings, date, context.previousRunStartedAt);
      const current = await rollupsRepository.settings(this.deps.db, tenantId, date);
      // Reminders speak about today; a catch-up day in the past has nothing today's run does not say.
      if (date === context.today)
        summary.reminders += await deliverReminders(this.deps.db, tenantId, current, date);
      if (parts(date).day === 1)
        summary.digests += await deliverOverdueDigest(this.deps.db, tenantId, addDays(date, -1), date);
    }
    return summary;
  }

  /** Walks a list of orgs in transactions of a bounded size, so writers elsewhere never wait long. */
  private async inBatches(ids: number[], work: (tx: Executor, batch: number[]) => Promise<number>) {
    let total = 0;
    for (let i = 0; i < ids.length; i += ORGS_PER_TRANSACTION) {
      const batch = ids.slice(i, i + ORGS_PER_TRANSACTION);
      total += await this.deps.db.transaction(async (tx) => {
        await rollupsRepository.lockOrgs(tx, batch);
        return work(tx, batch);
      });
    }
    return total;
  }

  private async materialize(
    tenantId: number,
    settings: OrgLifeSettings,
    date: IsoDate,
    changedSince: Date | null,
  ) {
    let changes = 0;
    const through = settings.materializedThrough;
    // A tree never materialized is derived in one bulk pass (in one transaction: writers wait, none is lost).
    if (through === null) return this.deps.db.transaction((tx) => rebuildRollups(tx, tenantId, date, date));
    const advanced: OrgLifeSettings = {
      ...settings,
      materializedThrough: laterOf(through, date),
    };
    const from = addDays(through, 1);
    if (from <= date) {
      const ids = await rollupsRepository.orgIdsOfTenant(this.deps.db, tenantId);
      changes += await this.inBatches(ids, (tx, batch) =>
        rollupsRepository.refresh(tx, tenantId, batch, { from, to: date }, advanced),
      );
    }
    if (changedSince) {
      // Org facts (founding, dissolution, committee posts) change elsewhere; the audit log says where.
      const paths = await orgLifeJobRepository.orgPathsChangedSince(this.deps.db, tenantId, changedSince);
      const ids = [...new Set(paths.map((p) => pathIds(p).at(-1)!))].sort((a, b) => a - b);
      const window = { from: settings.trackingSince, to: advanced.materializedThrough! };
      changes += await this.inBatches(ids, (tx, batch) =>
        rollupsRepository.refresh(tx, tenantId, batch, window, advanced),
      );
    }
    if (advanced.materializedThrough !== through)
      await rollupsRepository.updateSettings(this.deps.db, tenantId, {
        materializedThrough: advanced.materializedThrough,
      });
    return changes;
  }
}

/** Reminds the secretaries of every org with an obligation still open that ends within the lead time. */
export async function deliverReminders(
  db: Executor,
  tenantId: number,
  settings: OrgLifeSettings,
  date: IsoDate,
): Promise<number> {
  const open = await rollupsRepository.openObligationsEnding(db, tenantId, date, settings.reminderLeadDays);
  if (open.length === 0) return 0;
  const secretaries = await holdersOfRoleOn(db, tenantId, 'secretary', date);
  const overrides = await rollupsRepository.overrides(db, tenantId);
  const names = await meetingsRepository.orgNames(db, [...new Set(open.map((r) => r.orgId))]);
  const items: InboxItemInput[] = [];
  for (const r of open) {
    const recipients = new Set(
      secretaries.filter((g) => r.orgPath.startsWith(g.orgPath)).map((g) => g.accountId),
    );
    if (recipients.size === 0) continue;
    const period = periodFromKey(r.periodKey)!;
    const rule = ruleOn(
      r.meetingType as MeetingType,
      overrides.filter((o) => r.orgPath.startsWith(o.orgPath)),
      period.start,
    );
    const left = daysBetween(date, r.periodEnd);
    for (const accountId of recipients)
      items.push({
        tenantId,
        recipientAccountId: accountId,
        kind: 'orglife.due',
        title: `${period.label}${r.meetingType}尚未完成（${left === 0 ? '今天截止' : `还剩 ${left} 天`}）`,
        body: `${names.get(r.orgId) ?? ''}${period.label}应召开${r.meetingType} ${r.required} 次，已召开 ${r.held} 次，截止 ${r.periodEnd}。${rule ? `依据：${rule.regulation}` : ''}`,
        link: `/org-life/compliance?orgId=${r.orgId}&year=${period.year}`,
        dueOn: r.periodEnd,
        dedupeKey: `orglife.due:${r.orgId}:${r.meetingType}:${r.periodKey}:${accountId}`,
      });
  }
  return deliverToInbox(db, items);
}

/** After a month end: each supervisor hears which orgs in their subtree missed what ended that day. */
export async function deliverOverdueDigest(
  db: Executor,
  tenantId: number,
  periodEnd: IsoDate,
  date: IsoDate,
): Promise<number> {
  const supervisors = await holdersOfRoleOn(db, tenantId, 'supervisor', date);
  const month = periodOf('month', periodEnd);
  const items: InboxItemInput[] = [];
  for (const g of supervisors) {
    const missed = await rollupsRepository.missedOn(db, tenantId, g.orgPath, periodEnd);
    if (missed.length === 0) continue;
    const byOrg = new Map<number, string[]>();
    for (const r of missed) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r.meetingType]);
    const shown = [...byOrg.entries()].slice(0, DIGEST_LINES);
    const names = await meetingsRepository.orgNames(
      db,
      shown.map(([id]) => id),
    );
    const lines = shown.map(
      ([id, types]) => `${names.get(id) ?? id}：${MEETING_TYPES.filter((t) => types.includes(t)).join('、')}`,
    );
    if (byOrg.size > DIGEST_LINES) lines.push(`……等共 ${byOrg.size} 个组织`);
    items.push({
      tenantId,
      recipientAccountId: g.accountId,
      kind: 'orglife.overdueDigest',
      title: `组织生活逾期汇总：截至 ${periodEnd}，${byOrg.size} 个组织未按期完成`,
      body: lines.join('\n'),
      link: `/org-life/dashboard?orgId=${g.orgId}&period=${month.key}`,
      dueOn: null,
      dedupeKey: `orglife.digest:${periodEnd}:${g.orgId}:${g.accountId}`,
    });
  }
  return deliverToInbox(db, items);
}
