import type { Actor } from '../../../domain/access';
import { type IsoDate, laterOf } from '../../../domain/calendar';
import {
  addToTally,
  type ComplianceTally,
  emptyTally,
  evaluateOrg,
  MEETING_TYPES,
  type MeetingType,
  NATIONAL_RULES,
  periodsStartingIn,
  tallyStatus,
} from '../../../domain/org-life-rules';
import { isBranch, type OrgType } from '../../../domain/org-rules';
import { type Period, periodAt, periodFromKey, periodOf } from '../../../domain/period';
import type { AppDeps } from '../../deps';
import { invalid } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { childOrgCounts, childOrgsOf, findOrgs, type Org, postsOf } from '../orgs';
import { meetingsRepository } from './meetings.repository';
import type { TLedger } from './meetings.schema';
import type { MeetingsService } from './meetings.service';
import { rollupsRepository, type Tally } from './rollups.repository';

/** The meeting types a heat map has columns for: those the rulebook requires. */
export const HEAT_TYPES: readonly MeetingType[] = NATIONAL_RULES.map((r) => r.meetingType);
const SECRETARY_LECTURE_RULE = '《中国共产党支部工作条例（试行）》第十六条：党支部书记每年至少讲1次党课';
const LEDGER_LIMIT = 10_000;

const presentPeriod = (p: Period) => ({ key: p.key, label: p.label, start: p.start, end: p.end });
const withStatus = (t: ComplianceTally) => ({ ...t, status: tallyStatus(t) });

/** Cells for one org from its tallies (one per meeting type), with the row's total. */
function cellsOf(tallies: readonly Tally[]) {
  const cells: Record<string, ComplianceTally> = {};
  for (const t of HEAT_TYPES) cells[t] = emptyTally();
  const total = emptyTally();
  for (const t of tallies) {
    const cell = cells[t.meetingType];
    if (!cell) continue;
    for (const target of [cell, total]) {
      target.due += t.due;
      target.done += t.done;
      target.overdue += t.overdue;
      target.pending += t.due - t.done - t.overdue;
    }
  }
  return {
    cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, withStatus(v)])),
    total: withStatus(total),
  };
}

function byOrg(tallies: readonly Tally[]): Map<number, Tally[]> {
  const out = new Map<number, Tally[]>();
  for (const t of tallies) out.set(t.orgId, [...(out.get(t.orgId) ?? []), t]);
  return out;
}

/**
 * The supervisor's view: heat maps, overdue counts, trends and drill-down, read from the rollups so the
 * cost follows the rows shown; and the branch's compliance and ledgers, evaluated from its records.
 */
export class DashboardService {
  constructor(
    private readonly deps: AppDeps,
    private readonly meetingsService: MeetingsService,
  ) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  private parsePeriod(key: string): Period {
    const period = periodFromKey(key);
    if (!period) throw invalid('统计周期格式应为 2026、2026-H1、2026-Q4 或 2026-11');
    return period;
  }

  async dashboard(actor: Actor, query: { orgId: number; period: string }) {
    const scope = authorize(actor, 'dashboard.read');
    const org = await coveredOrg(this.deps.db, scope, query.orgId);
    const period = this.parsePeriod(query.period);
    const today = this.today;
    const db = this.deps.db;
    const settings = await rollupsRepository.settings(db, org.tenantId, today);
    const children = await childOrgsOf(db, org.id, false);
    // A branch is shown with its groups beside it (own obligations each); anything else by its children.
    const ownRows = isBranch(org.type as OrgType) || children.length === 0;
    const rowOrgs = ownRows ? [org, ...children] : children;
    const year = periodOf('year', period.start);
    const range = { from: period.start, to: period.end, today, types: HEAT_TYPES };
    const [rowTallies, ownTotals, yearRows, grandChildren] = await Promise.all([
      rollupsRepository.tallies(
        db,
        org.tenantId,
        rowOrgs.map((o) => o.id),
        range,
        ownRows,
      ),
      rollupsRepository.tallies(db, org.tenantId, [org.id], range, false),
      rollupsRepository.yearOf(db, org.tenantId, org.id, year.start, year.end, today),
      childOrgCounts(
        db,
        rowOrgs.map((o) => o.id),
      ),
    ]);
    const tallies = byOrg(rowTallies);
    const presentOrg = (o: Org) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      hasChildren: (grandChildren.get(o.id) ?? 0) > 0,
    });
    const totals = cellsOf(ownTotals);
    const trend = periodsStartingIn('month', year.start, year.end).map((month) => {
      const held: Record<string, number> = {};
      for (const t of MEETING_TYPES) held[t] = 0;
      const tally = emptyTally();
      for (const r of yearRows) {
        if (r.periodKey === month.key) held[r.meetingType] = r.subHeld;
        if (
          r.periodEnd >= month.start &&
          r.periodEnd <= month.end &&
          HEAT_TYPES.includes(r.meetingType as MeetingType)
        )
          addToTally(tally, { due: r.subDue, done: r.subDone, periodEnd: r.periodEnd }, today);
      }
      return {
        month: month.key,
        label: month.label,
        held,
        due: tally.due,
        done: tally.done,
        overdue: tally.overdue,
      };
    });
    return {
      org: { id: org.id, name: org.name, type: org.type, hasChildren: children.length > 0 },
      period: presentPeriod(period),
      today,
      trackingSince: settings.trackingSince,
      types: [...HEAT_TYPES],
      totals: totals.cells,
      overall: totals.total,
      rows: rowOrgs.map((o) => ({ org: presentOrg(o), ...cellsOf(tallies.get(o.id) ?? []) })),
      trend,
    };
  }

  /**
   * Every branch and group of a subtree with its own status per type, worst first (the full heat map and
   * the "who is overdue" list). Costs what the subtree's obligations in the period cost.
   */
  async branches(
    actor: Actor,
    query: { orgId: number; period: string; status?: string | undefined; page: number; pageSize: number },
  ) {
    const scope = authorize(actor, 'dashboard.read');
    const org = await coveredOrg(this.deps.db, scope, query.orgId);
    const period = this.parsePeriod(query.period);
    const today = this.today;
    const tallies = await rollupsRepository.ownTalliesUnder(this.deps.db, org.tenantId, org.path, {
      from: period.start,
      to: period.end,
      today,
      types: HEAT_TYPES,
    });
    const all = [...byOrg(tallies).entries()].map(([orgId, list]) => ({ orgId, ...cellsOf(list) }));
    const filtered = query.status ? all.filter((r) => r.total.status === query.status) : all;
    filtered.sort(
      (a, b) => b.total.overdue - a.total.overdue || b.total.pending - a.total.pending || a.orgId - b.orgId,
    );
    const page = filtered.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const orgList = await findOrgs(
      this.deps.db,
      page.map((r) => r.orgId),
    );
    const byId = new Map(orgList.map((o) => [o.id, o]));
    const parents = await findOrgs(this.deps.db, [
      ...new Set(orgList.map((o) => o.parentId).filter((id): id is number => id !== null)),
    ]);
    const parentName = new Map(parents.map((p) => [p.id, p.name]));
    const childCounts = await childOrgCounts(
      this.deps.db,
      orgList.map((o) => o.id),
    );
    return {
      period: presentPeriod(period),
      total: filtered.length,
      rows: page.map((r) => {
        const o = byId.get(r.orgId)!;
        return {
          org: { id: o.id, name: o.name, type: o.type, hasChildren: (childCounts.get(o.id) ?? 0) > 0 },
          parentName: o.parentId !== null ? (parentName.get(o.parentId) ?? null) : null,
          cells: r.cells,
          total: r.total,
        };
      }),
    };
  }

  /** One org's year: every obligation with its status and the sittings that count for it (pure evaluation). */
  async compliance(actor: Actor, query: { orgId: number; year: number }) {
    const scope = authorize(actor, 'dashboard.read');
    const org = await coveredOrg(this.deps.db, scope, query.orgId);
    return this.complianceOf(org, query.year);
  }

  private async complianceOf(org: Org, year: number) {
    const db = this.deps.db;
    const today = this.today;
    const settings = await rollupsRepository.settings(db, org.tenantId, today);
    const { start: yearStart, end: yearEnd } = periodAt('year', year, 0);
    const from = laterOf(settings.trackingSince, yearStart);
    const [facts] = await rollupsRepository.rollupOrgs(db, org.tenantId, [org.id]);
    const overrides = (await rollupsRepository.overrides(db, org.tenantId)).filter((o) =>
      org.path.startsWith(o.orgPath),
    );
    const held = await meetingsRepository.heldOf(db, org.id, yearStart, yearEnd);
    const heldMeetings = held.map((m) => ({ date: m.date, types: m.types as MeetingType[] }));
    const evaluations = evaluateOrg(facts!.facts, overrides, heldMeetings, from, yearEnd, today).map((e) => ({
      meetingType: e.meetingType,
      period: presentPeriod(e.period),
      required: e.required,
      held: e.held,
      status: e.status,
      regulation: e.regulation,
      meetingIds: held
        .filter((m) => m.date >= e.period.start && m.date <= e.period.end && m.types.includes(e.meetingType))
        .map((m) => m.id),
    }));
    let secretaryLecture: { done: boolean; regulation: string } | null = null;
    if (isBranch(org.type as OrgType)) {
      const secretaries = new Set(
        (await postsOf(db, org.id))
          .filter(
            (p) =>
              p.post === '书记' && p.startDate <= yearEnd && (p.endDate === null || p.endDate > yearStart),
          )
          .map((p) => p.memberId),
      );
      secretaryLecture = {
        done: held.some(
          (m) =>
            m.types.includes('党课') && m.lecturerMemberId !== null && secretaries.has(m.lecturerMemberId),
        ),
        regulation: SECRETARY_LECTURE_RULE,
      };
    }
    // The caller checked the org is in scope; its own sittings only (its groups have their own page).
    const rows = await meetingsRepository.all(
      db,
      { scope: 'all', orgId: org.id, from: yearStart, to: yearEnd },
      LEDGER_LIMIT,
    );
    return {
      org: { id: org.id, name: org.name, type: org.type, hasChildren: false },
      year,
      today,
      evaluations,
      secretaryLecture,
      meetings: await this.meetingsService.presentRows(rows),
    };
  }

  /** The year's organizational-life ledger of an org's subtree: sittings by type, with attendance. */
  async ledger(actor: Actor, query: { orgId: number; year: number }): Promise<TLedger> {
    const scope = authorize(actor, 'meeting.read');
    const org = await coveredOrg(this.deps.db, scope, query.orgId);
    const { start: from, end: to } = periodAt('year', query.year, 0);
    const filter = { scope, orgPath: org.path, from, to, status: 'held' };
    const rows = await meetingsRepository.all(this.deps.db, filter, LEDGER_LIMIT + 1);
    if (rows.length > LEDGER_LIMIT)
      throw invalid(
        `“${org.name}”${query.year}年的会议超过 ${LEDGER_LIMIT} 次，台账过大，请选择下级组织分别打印或导出`,
      );
    const presented = await this.meetingsService.presentRows(rows);
    const absentees = await meetingsRepository.absentees(
      this.deps.db,
      rows.map((r) => r.meeting.id),
    );
    const full = presented.map((p, i) => ({
      ...p,
      recorderName: rows[i]!.meeting.recorderName,
      lecturerName: rows[i]!.meeting.lecturerName,
      resolutions: rows[i]!.meeting.resolutions,
      absentees: absentees.get(p.id) ?? [],
    }));
    const compliance =
      isBranch(org.type as OrgType) || org.type === '党小组'
        ? (await this.complianceOf(org, query.year)).evaluations
        : [];
    return {
      org: { id: org.id, name: org.name, type: org.type, hasChildren: false },
      year: query.year,
      generatedOn: this.today,
      sections: MEETING_TYPES.map((t) => ({
        meetingType: t,
        rows: full.filter((r) => r.types.includes(t)),
      })).filter((s) => s.rows.length > 0),
      compliance,
    };
  }
}
