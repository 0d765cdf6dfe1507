import type { Actor } from '../../../domain/access';
import { basisFor, basisProblems, DUES_LIMITS, type MonthKey } from '../../../domain/dues';
import type { AppDeps } from '../../deps';
import { rowError } from '../../excel/import';
import { type FieldError, invalid } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import {
  annualSheet,
  BASIS_FIELD_COLUMN,
  basesTemplate,
  monthlySheet,
  parseBasesWorkbook,
} from './dues.excel';
import type { DuesReports } from './dues.reports';
import { duesRepository } from './dues.repository';
import type { DuesService } from './dues.service';
import { groupBy, normalizedBasis, toBasis } from './dues.shared';

/** Files: the bases template and its all-or-nothing import, the collection sheets. */
export class DuesFiles {
  constructor(
    private readonly deps: AppDeps,
    private readonly dues: DuesService,
    private readonly reports: DuesReports,
  ) {}

  async basesTemplate(actor: Actor, orgId: number, month: MonthKey): Promise<Buffer> {
    const scope = authorize(actor, 'dues.write');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const roster = await duesRepository.rosterOf(this.deps.db, org.path);
    const bases = groupBy(
      await duesRepository.basesOf(
        this.deps.db,
        roster.map((m) => m.id),
      ),
      (b) => b.memberId,
    );
    return basesTemplate(
      roster.map((m) => {
        const inForce = basisFor((bases.get(m.id) ?? []).map(toBasis), month);
        return {
          id: m.id,
          name: m.name,
          orgName: m.orgName,
          category: inForce?.category ?? m.category,
          baseFen: inForce?.baseFen ?? null,
        };
      }),
      month,
    );
  }

  /**
   * Imports bases into an org's subtree: every row is checked (shape, the member belongs to the subtree and
   * the name matches, the category's rules, duplicates in the file) before anything is written; any error
   * refuses the whole file with every problem by row and column. Open months already generated are then
   * computed again for the members concerned.
   */
  async importBases(actor: Actor, orgId: number, file: Buffer, dryRun: boolean) {
    const scope = authorize(actor, 'dues.write');
    const parsed = await parseBasesWorkbook(file, DUES_LIMITS.maxImportRows);
    if ('fatal' in parsed) throw invalid(parsed.fatal);
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, orgId);
      const roster = new Map((await duesRepository.rosterOf(tx, org.path)).map((m) => [m.id, m]));
      const errors: FieldError[] = parsed.problems.map((p) => rowError(p.row, p.column, p.message));
      const fail = (row: number, column: string, message: string) =>
        errors.push(rowError(row, column, message));
      const seen = new Map<string, number>();
      const unreadable = new Set(parsed.problems.map((p) => p.row));
      const good = [];
      for (const r of parsed.rows) {
        if (unreadable.has(r.row) || r.memberId === null || !r.category || !r.effectiveMonth || !r.name)
          continue;
        const member = roster.get(r.memberId);
        if (!member) {
          fail(r.row, '党员编号', `编号 ${r.memberId} 不是${org.name}的在册党员`);
          continue;
        }
        if (member.name !== r.name) {
          fail(r.row, '姓名', `编号 ${r.memberId} 的党员是“${member.name}”，与“${r.name}”不符`);
          continue;
        }
        const key = `${r.memberId}|${r.effectiveMonth}`;
        if (seen.has(key)) {
          fail(r.row, '起始月份', `与第 ${seen.get(key)} 行重复（同一党员同一起始月份）`);
          continue;
        }
        seen.set(key, r.row);
        if (r.baseFen !== null && r.baseFen > DUES_LIMITS.maxBaseFen) {
          fail(r.row, BASIS_FIELD_COLUMN.baseFen!, '月收入基数过大，请检查');
          continue;
        }
        const input = {
          category: r.category,
          baseFen: r.baseFen,
          chosenFen: r.chosenFen,
          approvedFen: r.approvedFen,
          approvalNote: r.approvalNote,
        };
        const problems = basisProblems(input);
        for (const p of problems) fail(r.row, BASIS_FIELD_COLUMN[p.field] ?? p.field, p.message);
        if (problems.length === 0) good.push({ member, month: r.effectiveMonth, input });
      }
      const rows = parsed.rows.length;
      if (rows === 0) throw invalid('文件中没有数据行');
      if (errors.length > 0) {
        errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
        throw invalid(`共 ${errors.length} 处错误，未导入任何数据。请修正后重新导入。`, errors);
      }
      if (dryRun) return { imported: 0, rows, dryRun: true, recomputed: 0 };
      await duesRepository.insertBases(
        tx,
        good.map((g) => ({
          tenantId: g.member.tenantId,
          memberId: g.member.id,
          effectiveMonth: `${g.month}-01`,
          ...normalizedBasis(g.input),
          source: 'import',
          createdBy: actor.accountId,
        })),
      );
      const from = new Map<number, MonthKey>();
      for (const g of good) {
        const current = from.get(g.member.id);
        if (!current || g.month < current) from.set(g.member.id, g.month);
      }
      const effect = await this.dues.recompute(tx, org.tenantId, from);
      await recordChange(tx, actor, {
        action: 'import',
        entity: 'dues_basis',
        entityId: org.id,
        summary: `导入${org.name}党费基数 ${good.length} 条${effect.rows ? `，重新计算未结账月份 ${effect.rows} 条` : ''}`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: { rows: good.length },
      });
      return { imported: good.length, rows, dryRun: false, recomputed: effect.rows };
    });
  }

  /** The monthly sheet when a month is given, else the annual one. */
  async sheet(actor: Actor, input: { orgId: number; year: number; month?: MonthKey | undefined }) {
    if (input.month) {
      const ledger = await this.dues.ledger(actor, { orgId: input.orgId, month: input.month });
      return {
        fileName: `${ledger.org.name}${input.month}党费收缴登记表.xlsx`,
        body: await monthlySheet(ledger),
      };
    }
    const annual = await this.reports.annual(actor, { orgId: input.orgId, year: input.year });
    return {
      fileName: `${annual.org.name}${input.year}年度党费收缴情况表.xlsx`,
      body: await annualSheet(annual),
    };
  }
}
