import type { Actor } from '../../../domain/access';
import { type IsoDate, laterOf } from '../../../domain/calendar';
import {
  type MeetingRule,
  type MeetingType,
  NATIONAL_RULEBOOK_VERSION,
  NATIONAL_RULES,
  PERIOD_UNIT_LABELS,
  ruleOn,
  tighteningProblem,
} from '../../../domain/org-life-rules';
import { periodOf } from '../../../domain/period';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { findOrg, type Org } from '../orgs';
import { meetingsRepository } from './meetings.repository';
import type { TOverrideCreate } from './meetings.schema';
import { rebuildRollups, rollupsRepository, type StoredOverride, windowOf } from './rollups.repository';
import { rulebookRepository } from './rulebook.repository';

const presentRule = (r: MeetingRule) => ({
  meetingType: r.meetingType,
  unit: r.unit,
  unitLabel: PERIOD_UNIT_LABELS[r.unit],
  minCount: r.minCount,
  appliesTo: [...r.appliesTo],
  condition: r.condition,
  regulation: r.regulation,
});

const isFirstOfMonth = (d: IsoDate) => d.endsWith('-01');

/**
 * The rulebook as data: the national rules and the versioned overrides supervising orgs set for their
 * subtrees (tighter only). Changing a rule recomputes the subtree's rollups in the same transaction.
 */
export class RulebookService {
  constructor(private readonly deps: AppDeps) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  /** Overrides above and on an org (the ones that can bind it). */
  private inherited(all: readonly StoredOverride[], org: Org) {
    return all.filter((o) => org.path.startsWith(o.orgPath));
  }

  async get(actor: Actor, orgId: number) {
    const scope = Scope.of(actor, 'meeting.read');
    const org = await findOrg(this.deps.db, orgId);
    const ownOrg = org !== undefined && actor.memberOrgPath?.startsWith(org.path) === true;
    if (!org || (!scope.covers(org.path) && !ownOrg)) throw notFound('组织');
    const overrides = this.inherited(await rollupsRepository.overrides(this.deps.db, org.tenantId), org);
    const names = await meetingsRepository.orgNames(this.deps.db, [
      ...new Set(overrides.map((o) => o.orgId)),
    ]);
    const today = this.today;
    return {
      orgId: org.id,
      orgName: org.name,
      version: NATIONAL_RULEBOOK_VERSION,
      national: NATIONAL_RULES.map(presentRule),
      overrides: overrides
        .filter((o) => o.validTo === null || o.validTo > o.validFrom)
        .sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : b.id - a.id))
        .map((o) => ({
          id: o.id,
          orgId: o.orgId,
          orgName: names.get(o.orgId) ?? '',
          meetingType: o.meetingType,
          unit: o.unit,
          unitLabel: PERIOD_UNIT_LABELS[o.unit],
          minCount: o.minCount,
          regulation: o.regulation,
          validFrom: o.validFrom,
          validTo: o.validTo,
          own: o.orgId === org.id,
        })),
      effective: NATIONAL_RULES.map((national) => {
        const rule = ruleOn(national.meetingType, overrides, today)!;
        const source = overrides.find(
          (o) =>
            o.meetingType === rule.meetingType &&
            o.regulation === rule.regulation &&
            o.validFrom <= today &&
            (o.validTo === null || o.validTo > today),
        );
        return {
          ...presentRule(rule),
          source: rule === national ? ('national' as const) : ('override' as const),
          sourceOrgName: source ? (names.get(source.orgId) ?? null) : null,
        };
      }),
      canTighten: Scope.of(actor, 'rulebook.write').covers(org.path),
    };
  }

  /** Recomputes every org of a subtree for one meeting type (after its rule changed). */
  private async refreshSubtree(tx: Executor, org: Org, types: MeetingType[]) {
    const settings = await rollupsRepository.settings(tx, org.tenantId, this.today);
    const ids = await rollupsRepository.orgIdsOfTenant(tx, org.tenantId, org.path);
    await rollupsRepository.lockOrgs(tx, ids);
    const { since, through } = windowOf(settings);
    await rollupsRepository.refresh(tx, org.tenantId, ids, { from: since, to: through, types }, settings);
  }

  async tighten(actor: Actor, input: TOverrideCreate) {
    const scope = authorize(actor, 'rulebook.write');
    const created = await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      if (!isFirstOfMonth(input.validFrom)) throw invalid('生效日期应为某月的 1 日');
      const thisMonth = periodOf('month', this.today).start;
      if (input.validFrom < thisMonth)
        throw invalid('从严规定只能自本月或以后生效，已经考核的期间不能追溯调整');
      const all = await rollupsRepository.overrides(tx, org.tenantId);
      const above = this.inherited(all, org).filter((o) => o.orgId !== org.id);
      const inheritedRule = ruleOn(input.meetingType, above, input.validFrom);
      const national = NATIONAL_RULES.find((r) => r.meetingType === input.meetingType);
      const problem = tighteningProblem(
        input,
        inheritedRule && national && inheritedRule.regulation !== national.regulation ? inheritedRule : null,
      );
      if (problem) throw invalid(problem);
      // The new version supersedes this org's earlier ones for the type from its first day on.
      await rulebookRepository.endOwn(tx, org.id, input.meetingType, input.validFrom);
      const row = await rulebookRepository.insert(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        meetingType: input.meetingType,
        unit: input.unit,
        minCount: input.minCount,
        regulation: input.regulation,
        validFrom: input.validFrom,
        createdBy: actor.accountId,
      });
      await this.refreshSubtree(tx, org, [input.meetingType]);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'org_life_rule',
        entityId: row.id,
        summary: `${org.name}从严规定${input.meetingType}：${PERIOD_UNIT_LABELS[input.unit]}至少${input.minCount}次（${input.validFrom} 起）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: row,
      });
      return row;
    });
    return this.get(actor, created.orgId);
  }

  /** Ends an override from a date (first of a month, not in the past); the national rule or the next applies. */
  async retire(actor: Actor, id: number, validTo: IsoDate) {
    const scope = authorize(actor, 'rulebook.write');
    const orgId = await this.deps.db.transaction(async (tx) => {
      const row = await rulebookRepository.findById(tx, id);
      if (!row) throw notFound('规定');
      scope.assertCovers(row.orgPath, '规定');
      if (!isFirstOfMonth(validTo)) throw invalid('失效日期应为某月的 1 日');
      const thisMonth = periodOf('month', this.today).start;
      if (validTo < thisMonth) throw invalid('失效日期不能早于本月，已经考核的期间不能追溯调整');
      if (row.validTo !== null && row.validTo <= validTo) throw invalid(`该规定已于 ${row.validTo} 失效`);
      const effectiveTo = laterOf(validTo, row.validFrom);
      const after = await rulebookRepository.end(tx, id, effectiveTo);
      const org = (await findOrg(tx, row.orgId))!;
      await this.refreshSubtree(tx, org, [row.meetingType as MeetingType]);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'org_life_rule',
        entityId: id,
        summary: `${org.name}关于${row.meetingType}的从严规定自 ${effectiveTo} 起停止执行`,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        before: row,
        after,
      });
      return row.orgId;
    });
    return this.get(actor, orgId);
  }

  /* ---------- settings of a tree ---------- */

  async settings(actor: Actor, orgId: number) {
    const scope = authorize(actor, 'meeting.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const s = await rollupsRepository.settings(this.deps.db, org.tenantId, this.today);
    return this.presentSettings(actor, s, org.tenantId);
  }

  private async presentSettings(
    actor: Actor,
    s: Awaited<ReturnType<typeof rollupsRepository.settings>>,
    tenantId: number,
  ) {
    const root = await findOrg(this.deps.db, tenantId);
    return {
      tenantId: s.tenantId,
      trackingSince: s.trackingSince,
      materializedThrough: s.materializedThrough,
      reminderLeadDays: s.reminderLeadDays,
      lockAfterDays: s.lockAfterDays,
      canEdit: root !== undefined && Scope.of(actor, 'rulebook.write').covers(root.path),
    };
  }

  /** Tree-wide settings belong to whoever may set rules for the whole tree (its root). */
  async updateSettings(
    actor: Actor,
    input: {
      orgId: number;
      trackingSince?: IsoDate | undefined;
      reminderLeadDays?: number | undefined;
      lockAfterDays?: number | undefined;
    },
  ) {
    const scope = authorize(actor, 'rulebook.write');
    const tenantId = await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const root = await coveredOrg(tx, scope, org.tenantId);
      const before = await rollupsRepository.settings(tx, org.tenantId, this.today);
      if (input.trackingSince !== undefined && !isFirstOfMonth(input.trackingSince))
        throw invalid('统计起始日期应为某月的 1 日');
      if (input.trackingSince !== undefined && input.trackingSince > this.today)
        throw invalid('统计起始日期不能晚于今天');
      const after = await rollupsRepository.updateSettings(tx, org.tenantId, {
        ...(input.trackingSince !== undefined ? { trackingSince: input.trackingSince } : {}),
        ...(input.reminderLeadDays !== undefined ? { reminderLeadDays: input.reminderLeadDays } : {}),
        ...(input.lockAfterDays !== undefined ? { lockAfterDays: input.lockAfterDays } : {}),
      });
      if (after.trackingSince !== before.trackingSince) await this.rebuildTenant(tx, org.tenantId);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'org_life_settings',
        entityId: org.tenantId,
        summary: '修改组织生活设置（统计起始日期、提醒提前天数、记录锁定天数）',
        tenantId: org.tenantId,
        orgPath: root.path,
        before,
        after,
      });
      return org.tenantId;
    });
    const s = await rollupsRepository.settings(this.deps.db, tenantId, this.today);
    return this.presentSettings(actor, s, tenantId);
  }

  async rebuildTenant(tx: Executor, tenantId: number): Promise<number> {
    return rebuildRollups(tx, tenantId, this.today);
  }

  async rebuild(actor: Actor, orgId: number): Promise<{ rows: number }> {
    const scope = authorize(actor, 'rulebook.write');
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, orgId);
      const root = await coveredOrg(tx, scope, org.tenantId);
      const rows = await this.rebuildTenant(tx, org.tenantId);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'org_life_settings',
        entityId: org.tenantId,
        summary: '重新计算组织生活统计（汇总表）',
        tenantId: org.tenantId,
        orgPath: root.path,
      });
      return { rows };
    });
  }
}
