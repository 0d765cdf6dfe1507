import type { Actor } from '../../../domain/access';
import type { AppDeps } from '../../deps';
import { invalid, notFound } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { type Reflection, studyReflectionsRepository } from './reflections.repository';
import { studySessionsRepository } from './sessions.repository';
import type { TReflectionInput } from './study.schema';
import { selfOf } from './study.shared';

function presentReflection(r: Reflection, sessionTitle: string | null) {
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    title: r.title,
    body: r.body,
    sessionId: r.sessionId,
    sessionTitle,
    submittedAt: r.submittedAt.toISOString(),
    status: r.status as 'submitted' | 'reviewed' | 'returned',
    reviewComment: r.reviewComment,
    reviewerName: r.reviewerName,
    reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
  };
}

/** Reflections (心得体会) members submit and their secretaries review or return with a comment. */
export class StudyReflectionsService {
  constructor(private readonly deps: AppDeps) {}

  async reflections(actor: Actor, orgId: number, status?: string) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const rows = await studyReflectionsRepository.reflections(this.deps.db, scope, org.path, { status });
    return { rows: rows.map((r) => presentReflection(r.reflection, r.sessionTitle)) };
  }

  async myReflections(actor: Actor) {
    const me = await selfOf(this.deps.db, actor);
    const rows = await studyReflectionsRepository.memberReflections(this.deps.db, me.id);
    return { rows: rows.map((r) => presentReflection(r.reflection, r.sessionTitle)) };
  }

  async submitReflection(actor: Actor, input: TReflectionInput) {
    return this.deps.db.transaction(async (tx) => {
      const me = await selfOf(tx, actor);
      if (input.sessionId !== null) {
        const s = await studySessionsRepository.findSession(tx, input.sessionId);
        if (!s || !me.orgPath.startsWith(s.orgPath)) throw invalid('所选学习活动不存在或不是本支部的活动');
      }
      const r = await studyReflectionsRepository.insertReflection(tx, {
        tenantId: me.tenantId,
        orgPath: me.orgPath,
        memberId: me.id,
        memberName: me.name,
        sessionId: input.sessionId,
        title: input.title,
        body: input.body,
        submittedAt: this.deps.clock.now(),
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'study_reflection',
        entityId: r.id,
        summary: `提交心得体会“${r.title}”`,
        tenantId: me.tenantId,
        orgPath: me.orgPath,
        after: r,
      });
      return presentReflection(r, null);
    });
  }

  async reviewReflection(
    actor: Actor,
    id: number,
    input: { status: 'reviewed' | 'returned'; comment: string },
  ) {
    const scope = authorize(actor, 'study.write');
    return this.deps.db.transaction(async (tx) => {
      const before = await studyReflectionsRepository.findReflection(tx, id);
      if (!before) throw notFound('心得体会');
      scope.assertCovers(before.orgPath, '心得体会');
      if (before.memberId === actor.memberId) throw invalid('不能审阅自己的心得体会');
      const r = await studyReflectionsRepository.updateReflection(tx, id, {
        status: input.status,
        reviewComment: input.comment,
        reviewerName: actor.displayName,
        reviewedAt: this.deps.clock.now(),
      });
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'study_reflection',
        entityId: id,
        summary: `${input.status === 'reviewed' ? '审阅' : '退回'}心得体会“${r.title}”（${r.memberName}）`,
        tenantId: r.tenantId,
        orgPath: r.orgPath,
        before,
        after: r,
      });
      return presentReflection(r, null);
    });
  }
}
