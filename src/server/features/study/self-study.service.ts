import type { Actor } from '../../../domain/access';
import type { IsoDate } from '../../../domain/calendar';
import { formatHours, sittingKeyOf, tenthsToHours } from '../../../domain/study';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { importRefusal, rowError } from '../../excel/import';
import { invalid, notFound } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import type { StudyHoursService } from './hours.service';
import { parseSelfStudyWorkbook, selfStudyTemplate } from './self-study.excel';
import { selfStudyRepository } from './self-study.repository';
import { studyRepository } from './study.repository';
import type { TSelfStudyInput } from './study.schema';
import { selfOf, tenthsOf } from './study.shared';

/**
 * Self-study a member records, or a branch imports from a spreadsheet; each entry is credited to the hours
 * ledger as a sitting of its own.
 */
export class SelfStudyService {
  constructor(
    private readonly deps: AppDeps,
    private readonly hours: StudyHoursService,
  ) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  async mySelfStudy(actor: Actor, year: number) {
    const me = await selfOf(this.deps.db, actor);
    const rows = await selfStudyRepository.selfLogs(this.deps.db, me.id, year);
    return {
      rows: rows.map((r) => ({
        id: r.id,
        date: r.date,
        title: r.title,
        source: r.source,
        hours: tenthsToHours(r.tenths),
        note: r.note,
      })),
    };
  }

  async addSelfStudy(actor: Actor, input: TSelfStudyInput) {
    return this.deps.db.transaction(async (tx) => {
      const me = await selfOf(tx, actor);
      if (input.date > this.today) throw invalid('学习日期不能晚于今天');
      const tenths = tenthsOf(input.hours);
      const { log, touched } = await this.writeSelfLog(tx, me, { ...input, tenths });
      await this.hours.refreshMemberYears(tx, touched);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'study_self_log',
        entityId: log.id,
        summary: `登记自学“${log.title}”${formatHours(tenths)}`,
        tenantId: me.tenantId,
        orgPath: me.orgPath,
        after: log,
      });
      return { id: log.id };
    });
  }

  /** One self-study entry and its credit in the hours ledger; the caller refreshes the member years. */
  private async writeSelfLog(
    tx: Executor,
    member: { id: number; tenantId: number; orgPath: string },
    entry: {
      date: IsoDate;
      title: string;
      source: string;
      tenths: number;
      materialId?: number | null;
      note?: string | null;
    },
  ) {
    const log = await selfStudyRepository.insertSelfLog(tx, {
      tenantId: member.tenantId,
      orgPath: member.orgPath,
      memberId: member.id,
      date: entry.date,
      title: entry.title,
      materialId: entry.materialId ?? null,
      source: entry.source,
      tenths: entry.tenths,
      note: entry.note ?? null,
    });
    const touched = await studyRepository.replaceCredits(tx, 'self', log.id, [
      {
        tenantId: member.tenantId,
        memberId: member.id,
        orgPath: member.orgPath,
        date: log.date,
        sittingKey: sittingKeyOf({ kind: 'self', id: log.id }),
        source: 'self',
        sourceId: log.id,
        tenths: entry.tenths,
      },
    ]);
    return { log, touched };
  }

  async selfStudyTemplate(actor: Actor) {
    authorize(actor, 'study.write');
    return selfStudyTemplate();
  }

  /**
   * Imports a branch's self-study from a spreadsheet, all or nothing: every row names a member of the org's
   * subtree unambiguously (name plus ID-card last 4 or phone) and is not recorded yet; each entry then goes
   * the way of a member's own entry (hours ledger, member years, rollups) in one transaction.
   */
  async importSelfStudy(actor: Actor, orgId: number, file: Buffer, dryRun: boolean) {
    const scope = authorize(actor, 'study.write');
    const parsed = await parseSelfStudyWorkbook(file, this.today);
    if ('fatal' in parsed) throw invalid(parsed.fatal);
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, orgId);
      const { entries, errors } = parsed;
      const roster = await selfStudyRepository.rosterForImport(tx, org.path);
      const byName = new Map<string, typeof roster>();
      for (const m of roster) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
      const fail = (row: number, column: string, message: string) =>
        errors.push(rowError(row, column, message));
      const resolved: { entry: (typeof entries)[number]; member: (typeof roster)[number] }[] = [];
      for (const entry of entries) {
        const namesakes = byName.get(entry.name) ?? [];
        if (namesakes.length === 0) {
          fail(entry.row, '姓名', `“${org.name}”在册党员中没有“${entry.name}”`);
          continue;
        }
        const matches = namesakes.filter(
          (m) =>
            (entry.idLast4 !== null && m.idCardMasked.toUpperCase().endsWith(entry.idLast4)) ||
            (entry.phone !== null && m.phone === entry.phone),
        );
        if (matches.length === 0)
          fail(
            entry.row,
            entry.idLast4 ? '身份证后四位' : '手机号',
            `身份证后四位或手机号与党员“${entry.name}”的档案不符`,
          );
        else if (matches.length > 1)
          fail(
            entry.row,
            '身份证后四位',
            `有 ${matches.length} 名党员“${entry.name}”与所填信息相符，请同时填写身份证后四位和手机号`,
          );
        else resolved.push({ entry, member: matches[0]! });
      }
      const recorded = await selfStudyRepository.selfLogKeys(
        tx,
        resolved.map((r) => r.member.id),
      );
      const firstRow = new Map<string, number>();
      for (const { entry, member } of resolved) {
        const key = `${member.id}|${entry.date}|${entry.title}`;
        if (recorded.has(key))
          fail(entry.row, '学习内容', '该党员这一天的这项学习已登记过，不能重复计入学时');
        else if (firstRow.has(key))
          fail(entry.row, '学习内容', `与第 ${firstRow.get(key)} 行是同一党员、同一日期、同一学习内容`);
        else firstRow.set(key, entry.row);
      }
      if (errors.length > 0) throw importRefusal(errors, '记录');
      if (resolved.length === 0) throw invalid('文件中没有可导入的自学记录');
      if (dryRun) return { imported: 0, rows: resolved.length, dryRun: true };
      const touched = new Map<string, { memberId: number; year: number }>();
      for (const { entry, member } of resolved) {
        const written = await this.writeSelfLog(tx, member, entry);
        for (const t of written.touched) touched.set(`${t.memberId}:${t.year}`, t);
      }
      await this.hours.refreshMemberYears(tx, [...touched.values()]);
      const tenths = resolved.reduce((sum, r) => sum + r.entry.tenths, 0);
      await recordChange(tx, actor, {
        action: 'import',
        entity: 'study_self_log',
        entityId: org.id,
        summary: `为“${org.name}”导入自学记录 ${resolved.length} 条，共 ${formatHours(tenths)}`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: {
          rows: resolved.length,
          members: new Set(resolved.map((r) => r.member.id)).size,
          tenths,
        },
      });
      return { imported: resolved.length, rows: resolved.length, dryRun: false };
    });
  }

  async deleteSelfStudy(actor: Actor, id: number) {
    await this.deps.db.transaction(async (tx) => {
      const me = await selfOf(tx, actor);
      const log = await selfStudyRepository.findSelfLog(tx, id);
      if (!log || log.memberId !== me.id) throw notFound('自学记录');
      const touched = await studyRepository.replaceCredits(tx, 'self', id, []);
      await selfStudyRepository.deleteSelfLog(tx, id);
      await this.hours.refreshMemberYears(tx, touched);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'study_self_log',
        entityId: id,
        summary: `删除自学记录“${log.title}”`,
        tenantId: log.tenantId,
        orgPath: log.orgPath,
        before: log,
      });
    });
  }
}
