import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Actor } from '../../../domain/access';
import { checkMemberRecord } from '../../../domain/member-record';
import type { AppDeps } from '../../deps';
import { cellText, parseDateCell } from '../../excel/cells';
import { importRefusal, readImportSheet, rowError } from '../../excel/import';
import { type FieldError, invalid } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { recordChange } from '../audit';
import { activeDictionaryLabels } from '../dictionaries';
import { type MemberInsert, membersRepository } from './members.repository';
import { memberFields, type TMemberListQuery } from './members.schema';
import type { MembersService } from './members.service';
import { buildTemplate, headerText, ROSTER_COLUMNS } from './roster.excel';

/** An import is refused above this many rows; larger rosters are split by branch. */
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 5_000;

export interface ImportResult {
  imported: number;
  rows: number;
  dryRun: boolean;
}

export class RosterService {
  constructor(
    private readonly deps: AppDeps,
    private readonly members: MembersService,
  ) {}

  async template(actor: Actor): Promise<Buffer> {
    authorize(actor, 'member.write');
    return buildTemplate(await activeDictionaryLabels(this.deps.db));
  }

  /**
   * All-or-nothing import into one branch: every row is checked (fields, regulations, vocabularies,
   * duplicates in the file and against the roster) before anything is written; any error refuses the
   * whole file with every problem listed by row and column.
   */
  async import(actor: Actor, orgId: number, file: Buffer, dryRun: boolean): Promise<ImportResult> {
    const scope = authorize(actor, 'member.write');
    const opened = await readImportSheet(file, ROSTER_COLUMNS);
    if ('fatal' in opened) throw invalid(opened.fatal);
    const { sheet, columnOf, lastRow } = opened;

    return this.deps.db.transaction(async (tx) => {
      const org = await this.members.loadTargetOrg(tx, scope, orgId);
      const vocabulary = await activeDictionaryLabels(tx);
      const today = this.deps.clock.today();
      const errors: FieldError[] = [];
      const prepared: { row: number; insert: MemberInsert; hash: string; phone: string | null }[] = [];
      const fail = (row: number, field: string, message: string) => {
        const column = ROSTER_COLUMNS.find((c) => c.field === field)?.header ?? field;
        errors.push(rowError(row, column, message));
      };

      if (lastRow - 1 > MAX_IMPORT_ROWS)
        throw invalid(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请按支部拆分文件`);
      for (let r = 2; r <= lastRow; r++) {
        const excelRow = sheet.getRow(r);
        const raw: Record<string, unknown> = {};
        let empty = true;
        for (const column of ROSTER_COLUMNS) {
          const col = columnOf.get(column.field);
          const value = col ? cellText(excelRow.getCell(col).value) : null;
          if (value !== null && value !== '') empty = false;
          raw[column.field] = value;
        }
        if (empty) continue;
        const before = errors.length;
        const record: Record<string, unknown> = {};
        for (const column of ROSTER_COLUMNS) {
          const value = raw[column.field];
          if (column.kind === 'date') {
            const date = parseDateCell(value);
            if (date === 'invalid')
              fail(r, column.field, `无法识别的日期“${String(value)}”，请填写如 2020-01-31`);
            else record[column.field] = date;
          } else if (column.kind === 'idCard' && typeof value === 'number') {
            fail(
              r,
              column.field,
              '身份证号被 Excel 存成了数字（末尾可能已丢失），请将该列设为文本格式后重新填写',
            );
          } else {
            const text = value === null || value === undefined ? null : String(value).trim();
            record[column.field] = text === '' ? null : text;
          }
        }
        if (errors.length > before) continue;
        for (const column of ROSTER_COLUMNS)
          if (column.required && (record[column.field] === null || record[column.field] === undefined))
            fail(r, column.field, `${column.header}不能为空`);
        if (errors.length > before) continue;
        const shape = memberRowSchema.safeParse(record);
        if (!shape.success) {
          for (const issue of shape.error.issues) fail(r, String(issue.path[0] ?? ''), issue.message);
          continue;
        }
        const input = shape.data;
        const { problems, idCard } = checkMemberRecord(input, vocabulary, today);
        for (const p of problems) fail(r, p.field, p.message);
        if (problems.length > 0 || !idCard) continue;
        const hash = this.members.cipher.hash(idCard.normalized);
        prepared.push({
          row: r,
          hash,
          phone: input.phone ?? null,
          insert: this.members.storedRow(org, input, idCard.normalized, hash),
        });
      }

      // Duplicates inside the file, then against the whole roster of the installation.
      const firstRowOf = new Map<string, number>();
      const firstPhoneRow = new Map<string, number>();
      for (const p of prepared) {
        const seen = firstRowOf.get(p.hash);
        if (seen !== undefined) fail(p.row, 'idCard', `身份证号与第 ${seen} 行重复`);
        else firstRowOf.set(p.hash, p.row);
        if (p.phone) {
          const seenPhone = firstPhoneRow.get(p.phone);
          if (seenPhone !== undefined) fail(p.row, 'phone', `手机号与第 ${seenPhone} 行重复`);
          else firstPhoneRow.set(p.phone, p.row);
        }
      }
      for (let i = 0; i < prepared.length; i += BATCH) {
        const chunk = prepared.slice(i, i + BATCH);
        const clashes = await membersRepository.findByIdCardHashes(
          tx,
          org.tenantId,
          chunk.map((p) => p.hash),
        );
        const byHash = new Map(clashes.map((c) => [c.idCardHash, c.name]));
        const phoneClashes = await membersRepository.findByPhones(
          tx,
          org.tenantId,
          chunk.flatMap((p) => (p.phone ? [p.phone] : [])),
        );
        const byPhone = new Map(phoneClashes.map((c) => [c.phone, c.name]));
        for (const p of chunk) {
          const name = byHash.get(p.hash);
          if (name) fail(p.row, 'idCard', `身份证号与已在册党员“${name}”重复`);
          const phoneOwner = p.phone ? byPhone.get(p.phone) : undefined;
          if (phoneOwner) fail(p.row, 'phone', `手机号与已在册党员“${phoneOwner}”重复`);
        }
      }

      if (errors.length > 0) throw importRefusal(errors, '数据');
      if (prepared.length === 0) throw invalid('文件中没有可导入的数据行');
      if (dryRun) return { imported: 0, rows: prepared.length, dryRun: true };

      for (let i = 0; i < prepared.length; i += BATCH)
        await membersRepository.bulkInsert(
          tx,
          prepared.slice(i, i + BATCH).map((p) => p.insert),
          actor.accountId,
        );
      await recordChange(tx, actor, {
        action: 'import',
        entity: 'member',
        entityId: org.id,
        summary: `向“${org.name}”导入花名册 ${prepared.length} 人`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: { rows: prepared.length, names: prepared.slice(0, 50).map((p) => p.insert.name) },
      });
      return { imported: prepared.length, rows: prepared.length, dryRun: false };
    });
  }

  /** The filtered roster as .xlsx; full ID numbers only for roles that may see them. */
  async export(
    actor: Actor,
    query: Pick<TMemberListQuery, 'orgId' | 'q' | 'status' | 'category' | 'sort' | 'order'>,
  ) {
    const filter = await this.members.filterFor(actor, query);
    const rows = await membersRepository.all(
      this.deps.db,
      filter,
      { sort: query.sort, order: query.order },
      MAX_EXPORT_ROWS + 1,
    );
    if (rows.length > MAX_EXPORT_ROWS) throw invalid(`导出超过 ${MAX_EXPORT_ROWS} 行，请缩小范围`);
    const reveal = Scope.of(actor, 'member.revealIdCard');
    const wb = new ExcelJS.Workbook();
    wb.creator = '智慧支部';
    const sheet = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '序号', key: 'seq', width: 6 },
      { header: '所在组织', key: 'orgName', width: 30 },
      ...ROSTER_COLUMNS.map((c) => ({ header: headerText(c), key: c.field, width: c.width })),
      { header: '党员状态', key: 'status', width: 10 },
    ];
    sheet.getRow(1).font = { bold: true };
    rows.forEach(({ member: m, orgName }, i) => {
      const idCard = reveal.covers(m.orgPath) ? this.members.cipher.decrypt(m.idCardEnc) : m.idCardMasked;
      sheet.addRow({ seq: i + 1, orgName, ...m, idCard, status: m.status });
    });
    for (const c of ROSTER_COLUMNS)
      if (c.kind === 'idCard' || c.kind === 'phone') sheet.getColumn(c.field).numFmt = '@';
    await recordChange(this.deps.db, actor, {
      action: 'security',
      entity: 'member',
      entityId: query.orgId ?? 0,
      summary: `导出花名册 ${rows.length} 人`,
      tenantId: null,
      orgPath: actor.memberOrgPath ?? Scope.of(actor, 'member.read').roots[0] ?? null,
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

/** The shape of one import row: the roster's own field rules, dates already parsed. */
const memberRowSchema = z.object(memberFields);
