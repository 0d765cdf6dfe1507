import type { Actor } from '../../../domain/access';
import { nearestValue } from '../../../domain/inherited-settings';
import {
  POINT_ACTIONS,
  POINT_RULES,
  POINTS_NOTICE,
  type PointAction,
  type PointRules,
  pointsFor,
  resolvePointRules,
} from '../../../domain/study';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { invalid } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { studyPointsRepository } from './points.repository';
import { studyRepository } from './study.repository';
import type { TSettingsInput } from './study.schema';

function presentRules(rules: PointRules) {
  return POINT_ACTIONS.map((action) => ({ action, label: POINT_RULES[action].label, ...rules[action] }));
}

/** Chinese names in 拼音 order (the zh collation), not by code point. */
const BY_NAME = new Intl.Collator('zh');
/** The study settings an org inherits (points shown or not, the point rules) and the branch's leaderboard. */
export class StudyPointsService {
  constructor(private readonly deps: AppDeps) {}

  async settings(actor: Actor, orgId: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const { pointRules: _rules, ...shown } = await this.settingsOf(org.id, org.path);
    return shown;
  }

  /** The switch and the rules in force for an org: each from the nearest org on its path that set it. */
  async settingsOf(orgId: number, orgPath: string, db: Executor = this.deps.db) {
    const { chain, rows } = await studyPointsRepository.settingsOnChain(db, orgPath);
    const toggle = nearestValue(chain, rows, 'pointsEnabled');
    const ruled = nearestValue(chain, rows, 'pointRules');
    const names = await studyRepository.orgNames(
      db,
      [toggle?.fromOrgId, ruled?.fromOrgId].filter((id): id is number => id !== undefined),
    );
    const rules = resolvePointRules(ruled?.value ?? null);
    return {
      orgId,
      pointsEnabled: toggle?.value ?? true,
      fromOrgName: toggle ? (names.get(toggle.fromOrgId) ?? null) : null,
      notice: POINTS_NOTICE,
      rules: presentRules(rules),
      rulesFromOrgName: ruled ? (names.get(ruled.fromOrgId) ?? null) : null,
      ownRules: ruled?.fromOrgId === orgId,
      pointRules: rules,
    };
  }

  async saveSettings(actor: Actor, input: TSettingsInput) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const own = (await studyPointsRepository.settingsOnChain(tx, org.path)).rows.find(
        (r) => r.orgId === org.id,
      );
      await studyPointsRepository.saveSetting(tx, {
        orgId: org.id,
        tenantId: org.tenantId,
        orgPath: org.path,
        pointsEnabled: input.pointsEnabled,
        pointRules: input.pointRules,
      });
      const changes = [];
      if (input.pointsEnabled !== undefined)
        changes.push(`${input.pointsEnabled ? '开启' : '关闭'}学习积分显示`);
      if (input.pointRules === null) changes.push('恢复沿用上级（或默认）积分规则');
      else if (input.pointRules !== undefined) changes.push('修改积分规则');
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'study_settings',
        entityId: org.id,
        summary: `${changes.join('，')}（${org.name}）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        before: own ?? null,
        after: input,
      });
    });
    return this.settings(actor, input.orgId);
  }

  /**
   * The branch's points, for each member's information: in name order (拼音), never ranked — the 2026 rules
   * bar ranking by study points. Empty when points are switched off for the org.
   */
  async leaderboard(actor: Actor, orgId: number, year: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const { pointsEnabled, rules, pointRules } = await this.settingsOf(org.id, org.path);
    const base = { enabled: pointsEnabled, notice: POINTS_NOTICE, rules };
    if (!pointsEnabled) return { ...base, rows: [] };
    const roster = await studyRepository.activeMembers(this.deps.db, org.path);
    if (roster.length > 500) throw invalid('积分榜只按支部查看：请在组织树中选择一个支部');
    const facts = await studyPointsRepository.pointFacts(
      this.deps.db,
      roster.map((m) => m.id),
      year,
    );
    const rows = roster
      .map((m) => ({
        memberId: m.id,
        name: m.name,
        points: pointsFor(
          facts
            .filter((f) => f.memberId === m.id)
            .map((f) => ({ action: f.action as PointAction, date: f.date, units: f.units })),
          pointRules,
        ),
      }))
      .sort((a, b) => BY_NAME.compare(a.name, b.name) || a.memberId - b.memberId);
    return { ...base, rows };
  }
}
