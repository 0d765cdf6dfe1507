import type { Actor } from '../../../domain/access';
import {
  addMonthKeys,
  arrearsLevel,
  collectionRate,
  consecutiveUnpaid,
  DUES_RULES,
  type DuesCategory,
  isSettled,
  type MonthKey,
  monthOf,
  monthStart,
  owedOf,
  payableOf,
  ROUNDING_LABELS,
  type Rounding,
  roundingStatement,
  rowState,
  SIX_MONTH_NOTE,
} from '../../../domain/dues';
import type { AppDeps } from '../../deps';
import { forbidden, notFound } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { findMember } from '../members';
import { childOrgsOf, findOrg, findOrgs, type Org } from '../orgs';
import { duesRepository, type RollupRow } from './dues.repository';
import type { TOrgYear } from './dues.schema';
import type { DuesService } from './dues.service';
import {
  asAmounts,
  groupBy,
  presentAdjustment,
  presentLedgerRow,
  presentPayment,
  totalsOf,
} from './dues.shared';

/** How far back arrears are looked for (older debts are long settled or a matter decided already). */
const ARREARS_WINDOW_MONTHS = 24;

type Figures = {
  members: number;
  settled: number;
  rate: number;
  payableFen: number;
  paidFen: number;
  collectedFen: number;
  voluntaryFen: number;
  remitInFullFen: number;
};

function figures(rows: readonly RollupRow[]): Figures {
  const f = {
    members: 0,
    settled: 0,
    payableFen: 0,
    paidFen: 0,
    collectedFen: 0,
    voluntaryFen: 0,
    remitInFullFen: 0,
  };
  for (const r of rows) {
    f.members += r.members;
    f.settled += r.settled;
    f.payableFen += Number(r.payableFen);
    f.paidFen += Number(r.paidFen);
    f.collectedFen += Number(r.collectedFen);
    f.voluntaryFen += Number(r.voluntaryFen);
    f.remitInFullFen += Number(r.remitInFullFen);
  }
  return { ...f, rate: collectionRate(f.settled, f.members) };
}

const orgRef = (o: Org) => ({ id: o.id, name: o.name, type: o.type });

/** What supervisors, secretaries and members read: arrears, annual sheets, dashboards, my dues. */
export class DuesReports {
  constructor(
    private readonly deps: AppDeps,
    private readonly dues: DuesService,
  ) {}

  /** Members of a subtree with months not paid in full, longest runs first; the alerts' level beside each. */
  async arrears(actor: Actor, orgId: number) {
    const scope = authorize(actor, 'dues.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const current = this.dues.currentMonth;
    await this.dues.assertLedgerSize(this.deps.db, org, addMonthKeys(current, -1));
    const rows = await duesRepository.rowsOfOwingMembers(
      this.deps.db,
      org.path,
      monthStart(addMonthKeys(current, -ARREARS_WINDOW_MONTHS)),
      monthStart(current),
    );
    const out = [];
    for (const [memberId, list] of groupBy(rows, (r) => r.memberId)) {
      const withMonths = list.map((r) => ({ ...r, month: monthOf(r.month) }));
      const run = consecutiveUnpaid(withMonths, current);
      const unpaid = withMonths.filter((r) => r.calcKind !== 'missing' && !isSettled(r));
      const level = arrearsLevel(run.months);
      out.push({
        memberId,
        name: list[0]!.name,
        orgName: list[0]!.orgName,
        consecutiveMonths: run.months,
        since: run.since,
        unpaidMonths: unpaid
          .map((r) => ({ month: r.month, owedFen: owedOf(r) }))
          .sort((a, b) => a.month.localeCompare(b.month)),
        owedFen: unpaid.reduce((s, r) => s + owedOf(r), 0),
        level,
        note:
          level === 6
            ? SIX_MONTH_NOTE
            : level === 3
              ? '已连续 3 个月未交纳党费，请支部及时了解情况、提醒交纳'
              : null,
      });
    }
    out.sort(
      (a, b) => b.consecutiveMonths - a.consecutiveMonths || b.owedFen - a.owedFen || a.memberId - b.memberId,
    );
    return {
      currentMonth: current,
      rows: out,
      totals: { members: out.length, owedFen: out.reduce((s, r) => s + r.owedFen, 0) },
    };
  }

  /** The annual collection sheet: every member × twelve months, with month and year totals. */
  async annual(actor: Actor, input: TOrgYear) {
    const scope = authorize(actor, 'dues.read');
    const org = await coveredOrg(this.deps.db, scope, input.orgId);
    await this.dues.assertLedgerSize(this.deps.db, org, `${input.year}-01`, `${input.year}-12`);
    const months = Array.from({ length: 12 }, (_, i) => `${input.year}-${String(i + 1).padStart(2, '0')}`);
    const rows = await duesRepository.ledgerRange(
      this.deps.db,
      org.path,
      monthStart(months[0]!),
      monthStart(months[11]!),
    );
    const members = [];
    for (const [memberId, list] of groupBy(rows, (r) => r.row.memberId)) {
      const byMonth = new Map(list.map((r) => [monthOf(r.row.month), asAmounts(r.row)]));
      const cells = months.map((m) => {
        const a = byMonth.get(m);
        return a ? { payableFen: payableOf(a), paidFen: a.paidFen, state: rowState(a) } : null;
      });
      const amounts = [...byMonth.values()];
      members.push({
        memberId,
        name: list[0]!.name,
        orgName: list.at(-1)!.orgName,
        cells,
        payableFen: amounts.reduce((s, a) => s + payableOf(a), 0),
        paidFen: amounts.reduce((s, a) => s + a.paidFen, 0),
        owedFen: amounts.reduce((s, a) => s + owedOf(a), 0),
      });
    }
    const byMonth = groupBy(rows, (r) => monthOf(r.row.month));
    const used = roundingStatement(
      months.map((m) => ({
        month: m,
        roundings: (byMonth.get(m) ?? [])
          .filter((r) => r.row.calcKind !== 'missing')
          .map((r) => r.row.rounding as Rounding),
      })),
    );
    const setting = used === null ? await duesRepository.settingsFor(this.deps.db, org.path) : null;
    return {
      org: orgRef(org),
      year: input.year,
      months,
      // Each month as its rows were computed (the snapshot keeps the rule); the setting when none yet.
      roundingStatement: used ?? `${ROUNDING_LABELS[setting!.rounding]}（本组织现行设置）`,
      rows: members,
      monthTotals: months.map((m) => totalsOf((byMonth.get(m) ?? []).map((r) => r.row))),
      totals: totalsOf(rows.map((r) => r.row)),
    };
  }

  /** The org's subtree month by month and each child subtree in one month, read from the rollups. */
  async dashboard(actor: Actor, input: TOrgYear & { month?: MonthKey | undefined }) {
    const scope = authorize(actor, 'dues.read');
    const db = this.deps.db;
    const org = await coveredOrg(db, scope, input.orgId);
    const children = await childOrgsOf(db, org.id, false);
    const from = `${input.year}-01`;
    const to = `${input.year}-12`;
    const rollups = await duesRepository.rollupsOf(
      db,
      org.tenantId,
      [org.id, ...children.map((c) => c.id)],
      monthStart(from),
      monthStart(to),
    );
    const own = rollups.filter((r) => r.orgId === org.id);
    const months = Array.from({ length: 12 }, (_, i) => `${input.year}-${String(i + 1).padStart(2, '0')}`);
    const series = months.map((m) => ({ month: m, ...figures(own.filter((r) => monthOf(r.month) === m)) }));
    const latest = [...series].reverse().find((s) => s.members > 0 && s.month <= this.dues.currentMonth);
    const month = input.month ?? latest?.month ?? (this.dues.currentMonth < to ? this.dues.currentMonth : to);
    const inMonth = rollups.filter((r) => monthOf(r.month) === month);
    return {
      org: orgRef(org),
      year: input.year,
      month,
      series,
      children: children
        .map((c) => ({ org: orgRef(c), ...figures(inMonth.filter((r) => r.orgId === c.id)) }))
        .filter((c) => c.members > 0 || c.collectedFen > 0),
      total: figures(inMonth.filter((r) => r.orgId === org.id)),
    };
  }

  /** The year's money up the tree: what each child subtree owed, paid and received, and what is remitted in full. */
  async remittance(actor: Actor, input: TOrgYear) {
    const scope = authorize(actor, 'dues.read');
    const db = this.deps.db;
    const org = await coveredOrg(db, scope, input.orgId);
    const children = await childOrgsOf(db, org.id, false);
    const rollups = await duesRepository.rollupsOf(
      db,
      org.tenantId,
      [org.id, ...children.map((c) => c.id)],
      monthStart(`${input.year}-01`),
      monthStart(`${input.year}-12`),
    );
    const byOrg = groupBy(rollups, (r) => r.orgId);
    return {
      org: orgRef(org),
      year: input.year,
      rows: children
        .map((c) => ({ org: orgRef(c), ...figures(byOrg.get(c.id) ?? []) }))
        .filter((r) => r.members > 0 || r.collectedFen > 0),
      total: figures(byOrg.get(org.id) ?? []),
    };
  }

  /** The member's own dues: this month with its working, what is owed, history, payments, adjustments. */
  async mine(actor: Actor) {
    if (actor.memberId === null) throw forbidden('此账号没有关联党员档案');
    const db = this.deps.db;
    const member = await findMember(db, actor.memberId);
    if (!member) throw notFound('党员档案');
    const [rows, payments, adjustments, org] = await Promise.all([
      duesRepository.memberRows(db, member.id),
      duesRepository.paymentsOf(db, { memberId: member.id, from: '1900-01-01', to: '2999-12-31' }),
      duesRepository.adjustmentsOf(db, { memberId: member.id }),
      findOrg(db, member.orgId),
    ]);
    const orgNames = new Map(
      (await findOrgs(db, [...new Set(rows.map((r) => r.orgId))])).map((o) => [o.id, o.name]),
    );
    const current = this.dues.currentMonth;
    const history = rows.map((r) => presentLedgerRow(r, member.name, orgNames.get(r.orgId) ?? ''));
    const due = history.filter((r) => r.month <= current && r.owedFen > 0);
    const currentRow = history.find((r) => r.month === current) ?? null;
    const lines = await duesRepository.linesOf(
      db,
      payments.map((p) => p.id),
    );
    return {
      member: { id: member.id, name: member.name, orgName: org?.name ?? '' },
      currentMonth: current,
      current: currentRow,
      regulation: DUES_RULES[(currentRow?.category ?? '在职') as DuesCategory].regulation,
      owedFen: due.reduce((s, r) => s + r.owedFen, 0),
      owedMonths: due.map((r) => r.month).sort(),
      history,
      payments: payments.map((p) => presentPayment(p, lines)),
      adjustments: adjustments.map((a) => presentAdjustment(a.a, a.memberName)),
    };
  }
}
