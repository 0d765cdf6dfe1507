import type { Actor } from '../../../domain/access';
import {
  basisFor,
  basisProblems,
  type DuesSettings,
  formatYuan,
  type MonthKey,
  monthLabel,
  monthOf,
  monthStart,
  ROUNDING_LABELS,
  snapshotFor,
  workingOf,
} from '../../../domain/dues';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { invalid } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredMember, coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { findMember } from '../members';
import { findOrg } from '../orgs';
import { duesRepository, type RollupDelta } from './dues.repository';
import type { TBasisInput, TOrgMonth, TSettingsInput } from './dues.schema';
import { asAmounts, groupBy, normalizedBasis, presentBasis, rowDelta, toBasis } from './dues.shared';

/**
 * What a month's amounts are computed from: the dues settings (the rounding rule) and the members' bases
 * with their effective months, and computing open months again when either changes. DuesService delegates
 * here.
 */
export class DuesBases {
  constructor(private readonly deps: AppDeps) {}

  /* ---------- settings ---------- */

  async settings(actor: Actor, orgId: number) {
    const scope = authorize(actor, 'dues.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const s = await duesRepository.settingsFor(this.deps.db, org.path);
    const from = s.fromOrgId === null ? null : await findOrg(this.deps.db, s.fromOrgId);
    return {
      orgId: org.id,
      rounding: s.rounding,
      allowPrepay: s.allowPrepay,
      reminderLeadDays: s.reminderLeadDays,
      fromOrgId: s.fromOrgId,
      fromOrgName: from?.name ?? null,
    };
  }

  async updateSettings(actor: Actor, input: TSettingsInput) {
    const scope = authorize(actor, 'dues.write');
    await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const before = await duesRepository.settingsFor(tx, org.path);
      const next: DuesSettings = {
        rounding: input.rounding,
        allowPrepay: input.allowPrepay,
        reminderLeadDays: input.reminderLeadDays,
      };
      await duesRepository.upsertSettings(tx, org, next);
      // A new rounding rule applies to every open month already generated, at once, so open months never
      // keep the old rule until some later base change silently applies the new one; closed months keep
      // their snapshot (corrections there are adjustments). Orgs below with their own setting are unchanged.
      let recomputedRows = 0;
      if (before.rounding !== next.rounding) {
        const open = await duesRepository.openMonthsOf(tx, org.path);
        const effect = await this.recompute(
          tx,
          org.tenantId,
          new Map(open.map((o) => [o.memberId, monthOf(o.month)])),
        );
        recomputedRows = effect.rows;
      }
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'dues_settings',
        entityId: org.id,
        summary: `修改${org.name}党费设置：${ROUNDING_LABELS[next.rounding]}，${next.allowPrepay ? '允许' : '不允许'}按季度预交，月末前 ${next.reminderLeadDays} 天提醒${recomputedRows > 0 ? `；未结账月份 ${recomputedRows} 条记录按新舍入规则重新计算` : ''}`,
        tenantId: org.tenantId,
        orgPath: org.path,
        before,
        after: next,
      });
    });
    return this.settings(actor, input.orgId);
  }

  /* ---------- bases ---------- */

  /** Members of a subtree with the basis in force in a month, the amount it gives, and its history. */
  async bases(actor: Actor, input: TOrgMonth) {
    const scope = authorize(actor, 'dues.read');
    const db = this.deps.db;
    const org = await coveredOrg(db, scope, input.orgId);
    const roster = await duesRepository.rosterOf(db, org.path);
    const bases = await duesRepository.basesOf(
      db,
      roster.map((m) => m.id),
    );
    const settings = await this.settingsCache(db);
    const byMember = groupBy(bases, (b) => b.memberId);
    const rows = [];
    for (const m of roster) {
      const history = byMember.get(m.id) ?? [];
      const inForce = basisFor(history.map(toBasis), input.month);
      const row = inForce ? history.find((h) => h.id === inForce.seq)! : null;
      const snap = snapshotFor(inForce, m.category, (await settings(m.orgPath)).rounding);
      rows.push({
        memberId: m.id,
        name: m.name,
        orgName: m.orgName,
        status: m.status,
        rosterCategory: m.category,
        basis: row ? presentBasis(row) : null,
        dueFen: snap.dueFen,
        working: workingOf(snap),
        history: history.map(presentBasis).reverse(),
      });
    }
    return { month: input.month, rows };
  }

  /** A new basis from a month on; open months already generated from then on are computed again. */
  async setBasis(actor: Actor, input: TBasisInput) {
    const scope = authorize(actor, 'dues.write');
    const problems = basisProblems(input);
    if (problems.length > 0)
      throw invalid(
        problems.map((p) => p.message).join('；'),
        problems.map((p) => ({ path: p.field, message: p.message })),
      );
    return this.deps.db.transaction(async (tx) => {
      const member = await coveredMember(tx, scope, input.memberId);
      const [row] = await duesRepository.insertBases(tx, [
        {
          tenantId: member.tenantId,
          memberId: member.id,
          effectiveMonth: monthStart(input.effectiveMonth),
          ...normalizedBasis(input),
          source: 'manual',
          createdBy: actor.accountId,
        },
      ]);
      const effect = await this.recompute(tx, member.tenantId, new Map([[member.id, input.effectiveMonth]]));
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'dues_basis',
        entityId: row!.id,
        summary: `核定${member.name}党费基数：自${monthLabel(input.effectiveMonth)}起${input.category}${input.baseFen != null ? `，月收入 ${formatYuan(input.baseFen)} 元` : ''}${input.approvedFen != null ? `，经批准按 ${formatYuan(input.approvedFen)} 元` : ''}`,
        tenantId: member.tenantId,
        orgPath: member.orgPath,
        after: presentBasis(row!),
      });
      return {
        basis: presentBasis(row!),
        recomputed: effect.recomputed,
        closedUnchanged: effect.closedUnchanged,
      };
    });
  }

  /** A function giving the settings in force for an org path, asking the database once per path. */
  async settingsCache(db: Executor) {
    const cache = new Map<string, Promise<DuesSettings>>();
    return (path: string) => {
      let hit = cache.get(path);
      if (!hit) {
        hit = duesRepository.settingsFor(db, path);
        cache.set(path, hit);
      }
      return hit;
    };
  }

  /**
   * Computes the rows of open months from each member's month on again from the bases in force (payments
   * and adjustments stay). Closed months keep their snapshot: their corrections are adjustments.
   */
  async recompute(tx: Executor, tenantId: number, fromByMember: ReadonlyMap<number, MonthKey>) {
    const ids = [...fromByMember.keys()];
    const earliest = [...fromByMember.values()].sort()[0];
    const recomputed = new Set<string>();
    const closedUnchanged = new Set<string>();
    if (!earliest) return { recomputed: [], closedUnchanged: [], rows: 0 };
    const rows = await duesRepository.lockRowsFrom(tx, ids, monthStart(earliest));
    const [bases, roster, closings] = await Promise.all([
      duesRepository.basesOf(tx, ids),
      Promise.all(ids.map((id) => findMember(tx, id))),
      duesRepository.closingsIn(tx, tenantId, [...new Set(rows.map((r) => r.month))]),
    ]);
    const basesBy = groupBy(bases, (b) => b.memberId);
    const categoryOf = new Map(roster.filter((m) => m).map((m) => [m!.id, m!.category]));
    const settings = await this.settingsCache(tx);
    const deltas: RollupDelta[] = [];
    let changed = 0;
    for (const row of rows) {
      const month = monthOf(row.month);
      if (month < fromByMember.get(row.memberId)!) continue;
      if (closings.some((c) => c.month === row.month && row.orgPath.startsWith(c.orgPath))) {
        closedUnchanged.add(month);
        continue;
      }
      const snap = snapshotFor(
        basisFor((basesBy.get(row.memberId) ?? []).map(toBasis), month),
        categoryOf.get(row.memberId) ?? '其他',
        (await settings(row.orgPath)).rounding,
      );
      const same =
        snap.category === row.category &&
        snap.baseFen === row.baseFen &&
        snap.basisPoints === row.basisPoints &&
        snap.calcKind === row.calcKind &&
        snap.rounding === row.rounding &&
        snap.dueFen === row.dueFen;
      if (same) continue;
      await duesRepository.updateRow(tx, row.memberId, row.month, {
        category: snap.category,
        baseFen: snap.baseFen,
        basisPoints: snap.basisPoints,
        calcKind: snap.calcKind,
        rounding: snap.rounding,
        dueFen: snap.dueFen,
      });
      deltas.push(rowDelta(row, { ...asAmounts(row), calcKind: snap.calcKind, dueFen: snap.dueFen }));
      recomputed.add(month);
      changed++;
    }
    await duesRepository.applyDeltas(tx, tenantId, deltas);
    return {
      recomputed: [...recomputed].sort(),
      closedUnchanged: [...closedUnchanged].sort(),
      rows: changed,
    };
  }
}
