import { z } from 'zod';
import {
  CALC_KINDS,
  DUES_CATEGORIES,
  DUES_LIMITS,
  isMonthKey,
  ROUNDING_RULES,
  ROW_STATES,
} from '../../../domain/dues';
import { zIsoDate } from '../../../shared/validation';

export const zMonth = (label: string) =>
  z.string().refine(isMonthKey, { message: `${label}格式应为 YYYY-MM，如 2026-11` });
const zFen = (label: string, max: number = DUES_LIMITS.maxPaymentFen) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}须精确到分`)
    .min(0, `${label}不能为负数`)
    .max(max, `${label}过大，请检查`);
const zReason = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(DUES_LIMITS.reasonMin, `请填写${label}（至少 ${DUES_LIMITS.reasonMin} 个字）`)
    .max(DUES_LIMITS.reasonMax, `${label}不能超过 ${DUES_LIMITS.reasonMax} 个字`);
const zOrgId = z.coerce.number({ message: '请选择组织' }).int().positive('请选择组织');

export const ZDuesCategory = z.enum(DUES_CATEGORIES, { message: '党费类别无效' });
export const ZRounding = z.enum(ROUNDING_RULES, { message: '舍入规则无效' });

export const ZOrgMonth = z.object({ orgId: zOrgId, month: zMonth('月份') });
export type TOrgMonth = z.infer<typeof ZOrgMonth>;
export const ZOrgYear = z.object({
  orgId: zOrgId,
  year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效'),
});
export type TOrgYear = z.infer<typeof ZOrgYear>;
export const ZOrgQuery = z.object({ orgId: zOrgId });
export const ZSheetQuery = ZOrgYear.extend({ month: zMonth('月份').optional() });

export const ZGenerateResult = z.object({
  month: z.string(),
  created: z.number().int(),
  total: z.number().int(),
  missingBase: z.number().int(),
});

const ZOrgRef = z.object({ id: z.number().int(), name: z.string(), type: z.string() });

export const ZSettings = z.object({
  rounding: ZRounding,
  allowPrepay: z.boolean(),
  reminderLeadDays: z
    .number()
    .int()
    .min(0, '提醒提前天数不能为负数')
    .max(DUES_LIMITS.maxReminderLeadDays, `提醒最多提前 ${DUES_LIMITS.maxReminderLeadDays} 天`),
});
export const ZSettingsInput = ZSettings.extend({ orgId: zOrgId });
export type TSettingsInput = z.infer<typeof ZSettingsInput>;
export const ZSettingsView = ZSettings.extend({
  orgId: z.number().int(),
  /** The org whose setting applies (null: the defaults). */
  fromOrgId: z.number().int().nullable(),
  fromOrgName: z.string().nullable(),
});

export const ZLedgerRow = z.object({
  memberId: z.number().int(),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  month: z.string(),
  memberStatus: z.string(),
  category: z.string(),
  baseFen: z.number().int().nullable(),
  basisPoints: z.number().int().nullable(),
  calcKind: z.enum(CALC_KINDS),
  rounding: ZRounding,
  dueFen: z.number().int(),
  adjustmentFen: z.number().int(),
  payableFen: z.number().int(),
  paidFen: z.number().int(),
  owedFen: z.number().int(),
  paidOn: z.string().nullable(),
  state: z.enum(ROW_STATES),
  working: z.string(),
});
export type TLedgerRow = z.infer<typeof ZLedgerRow>;

export const ZTotals = z.object({
  members: z.number().int(),
  settled: z.number().int(),
  payableFen: z.number().int(),
  paidFen: z.number().int(),
  owedFen: z.number().int(),
  rate: z.number(),
});

export const ZLedger = z.object({
  org: ZOrgRef,
  month: z.string(),
  /** Closed on this org or above it: every row here is final. */
  closed: z.boolean(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Orgs below that closed the month already. */
  closedBelow: z.array(z.string()),
  canClose: z.boolean(),
  settings: ZSettings,
  roundingLabel: z.string(),
  rows: z.array(ZLedgerRow),
  totals: ZTotals,
  voluntaryFen: z.number().int(),
  remitInFullFen: z.number().int(),
});

export const ZBasisInput = z.object({
  memberId: z.number().int().positive(),
  effectiveMonth: zMonth('起始月份'),
  category: ZDuesCategory,
  baseFen: zFen('月收入基数', DUES_LIMITS.maxBaseFen).nullable().optional(),
  chosenFen: zFen('交纳金额', 100).nullable().optional(),
  approvedFen: zFen('核定金额').nullable().optional(),
  approvalNote: z.string().trim().max(200, '批准说明不能超过 200 个字').nullable().optional(),
});
export type TBasisInput = z.infer<typeof ZBasisInput>;

export const ZBasisView = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  effectiveMonth: z.string(),
  category: z.string(),
  baseFen: z.number().int().nullable(),
  chosenFen: z.number().int().nullable(),
  approvedFen: z.number().int().nullable(),
  approvalNote: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
});

export const ZBasisResult = z.object({
  basis: ZBasisView,
  /** Open months already generated whose rows were computed again. */
  recomputed: z.array(z.string()),
  /** Closed months from the effective month on: unchanged, corrected by adjustments if needed. */
  closedUnchanged: z.array(z.string()),
});

export const ZBasesPage = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      memberId: z.number().int(),
      name: z.string(),
      orgName: z.string(),
      status: z.string(),
      rosterCategory: z.string(),
      basis: ZBasisView.nullable(),
      /** The amount this basis gives for the month, with its working. */
      dueFen: z.number().int(),
      working: z.string(),
      history: z.array(ZBasisView),
    }),
  ),
});

export const ZPaymentInput = z.object({
  memberId: z.number().int().positive(),
  paidOn: zIsoDate('交纳日期'),
  lines: z
    .array(z.object({ month: zMonth('月份'), amountFen: zFen('交纳金额').min(1, '交纳金额须大于 0') }))
    .max(36, '一次最多交纳 36 个月')
    .refine((l) => new Set(l.map((x) => x.month)).size === l.length, { message: '同一月份不能重复' }),
  voluntaryFen: zFen('自愿多交金额').default(0),
  branchDecision: z.string().trim().max(200, '支部决定说明不能超过 200 个字').nullable().optional(),
  note: z.string().trim().max(200, '备注不能超过 200 个字').nullable().optional(),
});
export type TPaymentInput = z.infer<typeof ZPaymentInput>;

export const ZPaymentView = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  memberName: z.string(),
  paidOn: z.string(),
  duesFen: z.number().int(),
  voluntaryFen: z.number().int(),
  remitInFull: z.boolean(),
  branchDecision: z.string().nullable(),
  note: z.string().nullable(),
  recordedByName: z.string(),
  revoked: z.boolean(),
  revokeReason: z.string().nullable(),
  lines: z.array(z.object({ month: z.string(), amountFen: z.number().int(), kind: z.string() })),
});
export const ZPaymentList = z.object({
  rows: z.array(
    ZPaymentView.extend({
      /** Not withdrawn, and every month it touches is open (else corrections are adjustments). */
      revocable: z.boolean(),
    }),
  ),
});
export const ZPaymentsQuery = z.object({ orgId: zOrgId, month: zMonth('月份') });
export const ZRevokeInput = z.object({ reason: zReason('撤销原因') });

export const ZAdjustmentInput = z.object({
  memberId: z.number().int().positive(),
  month: zMonth('月份'),
  amountFen: z
    .number({ message: '请填写调整金额' })
    .int('调整金额须精确到分')
    .min(-DUES_LIMITS.maxPaymentFen, '调整金额过大')
    .max(DUES_LIMITS.maxPaymentFen, '调整金额过大')
    .refine((v) => v !== 0, { message: '调整金额不能为 0' }),
  reason: zReason('调整原因'),
});
export type TAdjustmentInput = z.infer<typeof ZAdjustmentInput>;
export const ZAdjustmentView = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  memberName: z.string(),
  month: z.string(),
  amountFen: z.number().int(),
  reason: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export const ZAdjustmentList = z.object({ rows: z.array(ZAdjustmentView) });

export const ZCloseResult = z.object({
  month: z.string(),
  closedAt: z.string(),
  totals: ZTotals,
});

export const ZArrears = z.object({
  currentMonth: z.string(),
  rows: z.array(
    z.object({
      memberId: z.number().int(),
      name: z.string(),
      orgName: z.string(),
      /** Ended months not paid in full, in a row back from last month. */
      consecutiveMonths: z.number().int(),
      since: z.string().nullable(),
      unpaidMonths: z.array(z.object({ month: z.string(), owedFen: z.number().int() })),
      owedFen: z.number().int(),
      level: z.union([z.literal(3), z.literal(6)]).nullable(),
      note: z.string().nullable(),
    }),
  ),
  totals: z.object({ members: z.number().int(), owedFen: z.number().int() }),
});

export const ZAnnual = z.object({
  org: ZOrgRef,
  year: z.number().int(),
  months: z.array(z.string()),
  /** The rounding rule of each month as its rows were computed, e.g. "1月至12月四舍五入到分". */
  roundingStatement: z.string(),
  rows: z.array(
    z.object({
      memberId: z.number().int(),
      name: z.string(),
      orgName: z.string(),
      cells: z.array(
        z
          .object({
            payableFen: z.number().int(),
            paidFen: z.number().int(),
            state: z.enum(ROW_STATES),
          })
          .nullable(),
      ),
      payableFen: z.number().int(),
      paidFen: z.number().int(),
      owedFen: z.number().int(),
    }),
  ),
  monthTotals: z.array(ZTotals),
  totals: ZTotals,
});

const ZRollupFigures = z.object({
  members: z.number().int(),
  settled: z.number().int(),
  rate: z.number(),
  payableFen: z.number().int(),
  paidFen: z.number().int(),
  collectedFen: z.number().int(),
  voluntaryFen: z.number().int(),
  remitInFullFen: z.number().int(),
});

export const ZDashboardQuery = ZOrgYear.extend({ month: zMonth('月份').optional() });
export const ZDashboard = z.object({
  org: ZOrgRef,
  year: z.number().int(),
  month: z.string(),
  /** The org's whole subtree, month by month. */
  series: z.array(ZRollupFigures.extend({ month: z.string() })),
  /** Each child subtree in the chosen month. */
  children: z.array(ZRollupFigures.extend({ org: ZOrgRef })),
  total: ZRollupFigures,
});

export const ZRemittance = z.object({
  org: ZOrgRef,
  year: z.number().int(),
  rows: z.array(
    ZRollupFigures.extend({
      org: ZOrgRef,
      /** Dues and voluntary money received in the year. */
      collectedFen: z.number().int(),
    }),
  ),
  total: ZRollupFigures,
});

export const ZMyDues = z.object({
  member: z.object({ id: z.number().int(), name: z.string(), orgName: z.string() }),
  currentMonth: z.string(),
  current: ZLedgerRow.nullable(),
  regulation: z.string(),
  owedFen: z.number().int(),
  owedMonths: z.array(z.string()),
  history: z.array(ZLedgerRow),
  payments: z.array(ZPaymentView),
  adjustments: z.array(ZAdjustmentView),
});

export const ZImportResult = z.object({
  imported: z.number().int(),
  rows: z.number().int(),
  dryRun: z.boolean(),
  recomputed: z.number().int(),
});
