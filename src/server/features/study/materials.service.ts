import type { Actor } from '../../../domain/access';
import type { IsoDate } from '../../../domain/calendar';
import { STUDY_LIMITS } from '../../../domain/study';
import type { AppDeps } from '../../deps';
import { AttachmentStore } from '../../files/attachments.store';
import { invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { studyMaterialsRepository } from './materials.repository';
import { studyRepository } from './study.repository';
import type { TMaterialInput } from './study.schema';
import { presentMaterial, selfOf, tenthsOf } from './study.shared';

/** The material library an org and the orgs above it publish, each day's item and who read it. */
export class StudyMaterialsService {
  private readonly files: AttachmentStore;

  constructor(private readonly deps: AppDeps) {
    this.files = new AttachmentStore(() => deps.config.filesDir, STUDY_LIMITS.materialFileBytes);
  }

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  async materials(actor: Actor, orgId: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    // An org studies its own library and what the orgs above it publish.
    const rows = await studyMaterialsRepository.materialsFor(this.deps.db, org.path);
    return { rows: rows.map((r) => presentMaterial(r.material, r.orgName, r.reads)) };
  }

  async createMaterial(actor: Actor, input: TMaterialInput) {
    const scope = authorize(actor, 'study.write');
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const m = await studyMaterialsRepository.insertMaterial(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        kind: input.kind,
        body: input.body,
        url: input.url,
        tenths: tenthsOf(input.hours),
        createdBy: actor.accountId,
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'study_material',
        entityId: m.id,
        summary: `添加学习资料“${m.title}”`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: m,
      });
      return presentMaterial(m, org.name, 0);
    });
  }

  /** A file for the library: its type judged by its bytes, stored once per content hash. */
  async uploadMaterial(
    actor: Actor,
    input: { orgId: number; title: string; hours: number },
    fileName: string,
    bytes: Buffer,
  ) {
    const scope = authorize(actor, 'study.write');
    const name = fileName.trim().slice(-120) || '学习资料';
    const tenths = tenthsOf(input.hours);
    // Check the org before writing any bytes: nothing is stored for a request that is refused.
    await coveredOrg(this.deps.db, scope, input.orgId);
    const stored = await this.files.put(bytes, name);
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const m = await studyMaterialsRepository.insertMaterial(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        kind: 'file',
        body: '',
        url: null,
        fileSha256: stored.sha256,
        fileName: name,
        fileMime: stored.mimeType,
        fileSize: stored.size,
        tenths,
        createdBy: actor.accountId,
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'study_material',
        entityId: m.id,
        summary: `上传学习资料“${m.title}”（${name}）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: m,
      });
      return presentMaterial(m, org.name, 0);
    });
  }

  /**
   * A material's file, served to whoever may study it: a member of the publishing org's subtree, or someone
   * whose study scope reaches the publisher or an org below it.
   */
  async materialFile(actor: Actor, id: number) {
    const m = await studyMaterialsRepository.findMaterial(this.deps.db, id);
    if (m?.kind !== 'file' || !m.fileSha256) throw notFound('学习资料');
    const roots = Scope.of(actor, 'study.read').roots;
    let allowed = roots.some((root) => m.orgPath.startsWith(root) || root.startsWith(m.orgPath));
    if (!allowed && actor.memberId !== null) {
      const me = (await studyRepository.memberInfo(this.deps.db, [actor.memberId])).get(actor.memberId);
      allowed = me?.orgPath.startsWith(m.orgPath) ?? false;
    }
    if (!allowed) throw notFound('学习资料');
    return {
      fileName: m.fileName ?? m.title,
      mimeType: m.fileMime ?? 'application/octet-stream',
      body: await this.files.get(m.fileSha256),
    };
  }

  async deleteMaterial(actor: Actor, id: number) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const m = await studyMaterialsRepository.findMaterial(tx, id);
      if (!m) throw notFound('学习资料');
      scope.assertCovers(m.orgPath, '学习资料');
      await studyMaterialsRepository.deleteMaterial(tx, id);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'study_material',
        entityId: id,
        summary: `删除学习资料“${m.title}”`,
        tenantId: m.tenantId,
        orgPath: m.orgPath,
        before: m,
      });
    });
  }

  async setDaily(actor: Actor, input: { orgId: number; date: IsoDate; materialId: number }) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const m = await studyMaterialsRepository.findMaterial(tx, input.materialId);
      if (!m || !org.path.startsWith(m.orgPath)) throw invalid('所选资料不在本组织可用的资料库中');
      await studyMaterialsRepository.setDaily(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        date: input.date,
        materialId: m.id,
      });
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'study_daily',
        entityId: org.id,
        summary: `设置 ${input.date} 的“今日学习”为“${m.title}”（${org.name}）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: input,
      });
    });
    return this.daily(actor, input.orgId, input.date);
  }

  async daily(actor: Actor, orgId: number, date: IsoDate) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const item = await studyMaterialsRepository.dailyFor(this.deps.db, org.path, date);
    const expected = (await studyRepository.activeMembers(this.deps.db, org.path)).length;
    if (!item) return { date, material: null, fromOrgName: null, readers: [], expected };
    const m = (await studyMaterialsRepository.findMaterial(this.deps.db, item.materialId))!;
    const names = await studyRepository.orgNames(this.deps.db, [m.orgId, item.orgId]);
    const readers = await studyMaterialsRepository.readers(this.deps.db, m.id, org.path);
    return {
      date,
      material: presentMaterial(m, names.get(m.orgId) ?? '', readers.length),
      fromOrgName: names.get(item.orgId) ?? null,
      readers,
      expected,
    };
  }

  async markRead(actor: Actor, materialId: number) {
    return this.deps.db.transaction(async (tx) => {
      const me = await selfOf(tx, actor);
      const m = await studyMaterialsRepository.findMaterial(tx, materialId);
      if (!m || !me.orgPath.startsWith(m.orgPath)) throw notFound('学习资料');
      await studyMaterialsRepository.markRead(tx, {
        materialId,
        memberId: me.id,
        tenantId: me.tenantId,
        orgPath: me.orgPath,
        readOn: this.today,
        readAt: this.deps.clock.now(),
      });
      const read = await studyMaterialsRepository.readOf(tx, materialId, me.id);
      return { readAt: read!.readAt.toISOString() };
    });
  }
}
