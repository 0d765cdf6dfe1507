import type { Actor } from '../../../domain/access';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { notFound } from '../../http/errors';
import { authorize, type Scope } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { type Plan, studyPlansRepository } from './plans.repository';
import type { TPlanInput, TPlanUpdate } from './study.schema';

/** Annual and quarterly study plans of an org; the sessions held under a plan are counted beside it. */
export class StudyPlansService {
  constructor(private readonly deps: AppDeps) {}

  private async coveredPlan(db: Executor, scope: Scope, id: number): Promise<Plan> {
    const plan = await studyPlansRepository.findPlan(db, id);
    if (!plan) throw notFound('学习计划');
    scope.assertCovers(plan.orgPath, '学习计划');
    return plan;
  }

  async plans(actor: Actor, orgId: number, year: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const rows = await studyPlansRepository.plans(this.deps.db, scope, org.path, year);
    return {
      rows: rows.map((r) => ({
        id: r.plan.id,
        orgId: r.plan.orgId,
        orgName: r.orgName,
        year: r.plan.year,
        quarter: r.plan.quarter,
        title: r.plan.title,
        topics: r.plan.topics,
        content: r.plan.content,
        sessions: r.sessions,
        heldSessions: r.heldSessions,
      })),
    };
  }

  async createPlan(actor: Actor, input: TPlanInput) {
    const scope = authorize(actor, 'study.write');
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const plan = await studyPlansRepository.insertPlan(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        year: input.year,
        quarter: input.quarter,
        title: input.title,
        topics: input.topics,
        content: input.content,
        createdBy: actor.accountId,
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'study_plan',
        entityId: plan.id,
        summary: `制定学习计划“${plan.title}”（${org.name}）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: plan,
      });
      return { id: plan.id };
    });
  }

  async updatePlan(actor: Actor, id: number, input: TPlanUpdate) {
    const scope = authorize(actor, 'study.write');
    return this.deps.db.transaction(async (tx) => {
      const before = await this.coveredPlan(tx, scope, id);
      const plan = await studyPlansRepository.updatePlan(tx, id, {
        year: input.year,
        quarter: input.quarter,
        title: input.title,
        topics: input.topics,
        content: input.content,
      });
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'study_plan',
        entityId: id,
        summary: `修改学习计划“${plan.title}”`,
        tenantId: plan.tenantId,
        orgPath: plan.orgPath,
        before,
        after: plan,
      });
      return { id };
    });
  }

  async deletePlan(actor: Actor, id: number) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const plan = await this.coveredPlan(tx, scope, id);
      await studyPlansRepository.deletePlan(tx, id);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'study_plan',
        entityId: id,
        summary: `删除学习计划“${plan.title}”`,
        tenantId: plan.tenantId,
        orgPath: plan.orgPath,
        before: plan,
      });
    });
  }
}
