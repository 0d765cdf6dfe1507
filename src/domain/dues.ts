import type { IsoDate } from './calendar';
import {
  nextPeriod,
  type Period,
  type PeriodKey,
  periodFromKey,
  periodKeyOf,
  periodOf,
  periodsApart,
  shiftPeriod,
} from './period';

/**
 * Party dues (党费) by 《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）.
 * All amounts are integer 分. Rates are basis points (1/10000) applied to the WHOLE monthly base, not
 * progressively: 5,100 元 → 1.5 % → 76.50 元; 4,900 元 → 1 % → 49.00 元.
 */
export type Fen = number;

export const DUES_CATEGORIES = [
  '在职',
  '离退休',
  '学生',
  '下岗失业',
  '低保',
  '农民',
  '灵活就业',
  '其他',
] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

export interface RateBand {
  /** Inclusive upper bound of the band in 分; null = no upper bound. */
  upTo: Fen | null;
  basisPoints: number;
}

export type DuesRule =
  | { kind: 'bands'; bands: readonly RateBand[]; regulation: string }
  | { kind: 'fixed'; amount: Fen; regulation: string }
  | { kind: 'range'; min: Fen; max: Fen; regulation: string };

const REG = '中组发〔2008〕3号';
export const REGULATION_NAME = '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）';

const EMPLOYED_BANDS: readonly RateBand[] = [
  { upTo: 300_000, basisPoints: 50 },
  { upTo: 500_000, basisPoints: 100 },
  { upTo: 1_000_000, basisPoints: 150 },
  { upTo: null, basisPoints: 200 },
];

export const DUES_RULES: Record<DuesCategory, DuesRule> = {
  在职: {
    kind: 'bands',
    bands: EMPLOYED_BANDS,
    regulation: `${REG}第一条：税后月工资收入3000元以下（含）0.5%，3000–5000元（含）1%，5000–10000元（含）1.5%，10000元以上2%`,
  },
  灵活就业: {
    kind: 'bands',
    bands: EMPLOYED_BANDS,
    regulation: `${REG}第一条：有固定收入的党员按月收入比照在职党员`,
  },
  其他: {
    kind: 'bands',
    bands: EMPLOYED_BANDS,
    regulation: `${REG}第一条：有固定收入的党员按月收入比照在职党员`,
  },
  离退休: {
    kind: 'bands',
    bands: [
      { upTo: 500_000, basisPoints: 50 },
      { upTo: null, basisPoints: 100 },
    ],
    regulation: `${REG}第二条：离退休党员月退休费收入5000元以下（含）0.5%，5000元以上1%`,
  },
  学生: { kind: 'fixed', amount: 20, regulation: `${REG}第三条：学生党员每月0.2元` },
  下岗失业: { kind: 'fixed', amount: 20, regulation: `${REG}第三条：下岗失业党员每月0.2元` },
  低保: { kind: 'fixed', amount: 20, regulation: `${REG}第三条：领取最低生活保障金的党员每月0.2元` },
  农民: { kind: 'range', min: 20, max: 100, regulation: `${REG}第三条：农民党员每月0.2元至1元` },
};

export const ROUNDING_RULES = ['分', '角', '元'] as const;
export type Rounding = (typeof ROUNDING_RULES)[number];
export const ROUNDING_LABELS: Record<Rounding, string> = {
  分: '四舍五入到分',
  角: '四舍五入到角',
  元: '四舍五入到元',
};

/** Rounds a fraction numerator/denominator of 分 half-up to the given unit. */
export function roundFen(numerator: number, denominator: number, rounding: Rounding): Fen {
  const unit = rounding === '分' ? 1 : rounding === '角' ? 10 : 100;
  const d = denominator * unit;
  return Math.floor((numerator * 2 + d) / (2 * d)) * unit;
}

export interface DuesInput {
  category: DuesCategory;
  /** Monthly base in 分 (after-tax pay, or pension); ignored for fixed categories. */
  baseFen: Fen | null;
  /** For 农民: the amount chosen within the range. */
  chosenFen?: Fen | null;
  /** An approved reduction or exemption: the amount due instead (0 = exempt). */
  approvedFen?: Fen | null;
  rounding: Rounding;
}

export interface DuesResult {
  amount: Fen;
  basisPoints: number | null;
  /** How it was worked out, as shown to the member: "5100.00 元 × 1.5% = 76.50 元". */
  working: string;
  regulation: string;
}

export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function bandFor(bands: readonly RateBand[], baseFen: Fen): RateBand {
  return bands.find((b) => b.upTo === null || baseFen <= b.upTo) ?? bands[bands.length - 1]!;
}

export class DuesInputError extends Error {}

/** The monthly amount due, exact to the 分 under the configured rounding. Never negative. */
export function calculateDues(input: DuesInput): DuesResult {
  const rule = DUES_RULES[input.category];
  if (input.approvedFen !== null && input.approvedFen !== undefined) {
    if (input.approvedFen < 0) throw new DuesInputError('核定金额不能为负数');
    return {
      amount: input.approvedFen,
      basisPoints: null,
      working: input.approvedFen === 0 ? '经批准免交' : `经批准按 ${formatYuan(input.approvedFen)} 元交纳`,
      regulation: `${REG}第五条：经党组织批准可以少交或免交`,
    };
  }
  switch (rule.kind) {
    case 'fixed':
      return {
        amount: rule.amount,
        basisPoints: null,
        working: `固定标准 ${formatYuan(rule.amount)} 元`,
        regulation: rule.regulation,
      };
    case 'range': {
      const chosen = input.chosenFen ?? rule.min;
      if (chosen < rule.min || chosen > rule.max)
        throw new DuesInputError(`金额应在 ${formatYuan(rule.min)} 元至 ${formatYuan(rule.max)} 元之间`);
      return {
        amount: chosen,
        basisPoints: null,
        working: `按 ${formatYuan(chosen)} 元交纳`,
        regulation: rule.regulation,
      };
    }
    case 'bands': {
      if (input.baseFen === null || input.baseFen === undefined)
        throw new DuesInputError('请填写计算基数（月收入）');
      if (!Number.isInteger(input.baseFen) || input.baseFen < 0)
        throw new DuesInputError('计算基数应为不小于 0 的金额');
      const band = bandFor(rule.bands, input.baseFen);
      const amount = roundFen(input.baseFen * band.basisPoints, 10_000, input.rounding);
      const percent = `${band.basisPoints / 100}%`;
      return {
        amount,
        basisPoints: band.basisPoints,
        working: `${formatYuan(input.baseFen)} 元 × ${percent} = ${formatYuan(amount)} 元（${ROUNDING_LABELS[input.rounding]}）`,
        regulation: rule.regulation,
      };
    }
  }
}

/** Consecutive unpaid months that call for a secretary's attention; six is a matter for the branch to decide. */
export const ARREARS_ALERT_MONTHS = [3, 6] as const;
/** Back payment further back than this needs a recorded branch decision. */
export const BACK_PAYMENT_MONTHS = 6;
/** A one-off voluntary payment at or above this is remitted in full (中组发〔2008〕3号). */
export const LARGE_VOLUNTARY_FEN = 100_000;

/* ---------- months ---------- */

/** A dues month as users write it: "2026-11". Stored as the month's first day. */
export type MonthKey = PeriodKey;

function monthPeriod(key: MonthKey): Period {
  const period = periodFromKey(key);
  if (period?.unit !== 'month') throw new Error(`not a month key: ${key}`);
  return period;
}

export const isMonthKey = (value: string): boolean => periodFromKey(value)?.unit === 'month';
export const monthOf = (date: IsoDate): MonthKey => periodKeyOf('month', date);
export const monthStart = (key: MonthKey): IsoDate => monthPeriod(key).start;
export const monthEnd = (key: MonthKey): IsoDate => monthPeriod(key).end;
export const addMonthKeys = (key: MonthKey, n: number): MonthKey => shiftPeriod(monthPeriod(key), n).key;

/** Whole months from `from` to `to` (2026-05 → 2026-11 is 6). */
export const monthsBetween = (from: MonthKey, to: MonthKey): number =>
  periodsApart(monthPeriod(from), monthPeriod(to));

export const monthLabel = (key: MonthKey): string => monthPeriod(key).label;

/* ---------- bases with effective months ---------- */

/**
 * What a member's dues are computed from from a month on: the category, the monthly base (after-tax pay or
 * pension), a farmer's chosen amount, or an approved reduction/exemption. A new salary applies from the
 * month it is paid, so every basis carries the first month it applies to and is never edited afterwards.
 */
export interface DuesBasis {
  effectiveMonth: MonthKey;
  category: DuesCategory;
  baseFen: Fen | null;
  chosenFen: Fen | null;
  approvedFen: Fen | null;
  /** Order of entry, to break ties within one month (the later entry wins). */
  seq: number;
}

/** The basis in force in a month: the latest one effective on or before it, or null. */
export function basisFor(bases: readonly DuesBasis[], month: MonthKey): DuesBasis | null {
  let best: DuesBasis | null = null;
  for (const b of bases) {
    if (b.effectiveMonth > month) continue;
    if (
      !best ||
      b.effectiveMonth > best.effectiveMonth ||
      (b.effectiveMonth === best.effectiveMonth && b.seq > best.seq)
    )
      best = b;
  }
  return best;
}

/** The roster's 人员类别 as a dues category; labels the dues rules do not know are charged as 其他. */
export function duesCategoryOf(label: string): DuesCategory {
  return (DUES_CATEGORIES as readonly string[]).includes(label) ? (label as DuesCategory) : '其他';
}

/** Needs a monthly base to be computed (banded categories without an approved amount). */
export function needsBase(category: DuesCategory, approvedFen: Fen | null): boolean {
  return DUES_RULES[category].kind === 'bands' && (approvedFen === null || approvedFen === undefined);
}

/* ---------- one member-month: the ledger row's snapshot ---------- */

/** How a row's amount came about: the rule kind used, or 'missing' while a banded member has no base. */
export const CALC_KINDS = ['bands', 'fixed', 'range', 'approved', 'missing'] as const;
export type CalcKind = (typeof CALC_KINDS)[number];

export interface DuesSnapshot {
  category: DuesCategory;
  baseFen: Fen | null;
  basisPoints: number | null;
  calcKind: CalcKind;
  rounding: Rounding;
  dueFen: Fen;
}

/** The snapshot a month's row takes from the basis in force (or the roster category when there is none). */
export function snapshotFor(
  basis: Omit<DuesBasis, 'effectiveMonth' | 'seq'> | null,
  rosterCategory: string,
  rounding: Rounding,
): DuesSnapshot {
  const category = basis?.category ?? duesCategoryOf(rosterCategory);
  const approvedFen = basis?.approvedFen ?? null;
  const baseFen = basis?.baseFen ?? null;
  if (needsBase(category, approvedFen) && baseFen === null)
    return { category, baseFen: null, basisPoints: null, calcKind: 'missing', rounding, dueFen: 0 };
  const rule = DUES_RULES[category];
  const result = calculateDues({
    category,
    baseFen,
    chosenFen: basis?.chosenFen ?? null,
    approvedFen,
    rounding,
  });
  return {
    category,
    baseFen: rule.kind === 'bands' ? baseFen : null,
    basisPoints: result.basisPoints,
    calcKind: approvedFen !== null ? 'approved' : rule.kind,
    rounding,
    dueFen: result.amount,
  };
}

/** The working shown beside every amount, from the stored snapshot alone (past months stay explained). */
export function workingOf(s: DuesSnapshot): string {
  switch (s.calcKind) {
    case 'missing':
      return '未核定计算基数（月收入），请先录入';
    case 'approved':
      return s.dueFen === 0 ? '经批准免交' : `经批准按 ${formatYuan(s.dueFen)} 元交纳`;
    case 'fixed':
      return `${s.category}党员固定标准 ${formatYuan(s.dueFen)} 元`;
    case 'range':
      return `按 ${formatYuan(s.dueFen)} 元交纳（${s.category}党员每月 0.20–1.00 元）`;
    case 'bands':
      return `${formatYuan(s.baseFen ?? 0)} 元 × ${(s.basisPoints ?? 0) / 100}% = ${formatYuan(s.dueFen)} 元（${ROUNDING_LABELS[s.rounding]}）`;
  }
}

/* ---------- ledger states and totals ---------- */

export interface LedgerAmounts {
  calcKind: CalcKind;
  dueFen: Fen;
  adjustmentFen: Fen;
  paidFen: Fen;
}

/** What the member owes for the month after adjustments. Never negative. */
export const payableOf = (r: Pick<LedgerAmounts, 'dueFen' | 'adjustmentFen'>): Fen =>
  Math.max(0, r.dueFen + r.adjustmentFen);
export const owedOf = (r: Pick<LedgerAmounts, 'dueFen' | 'adjustmentFen' | 'paidFen'>): Fen =>
  Math.max(0, payableOf(r) - r.paidFen);

export const ROW_STATES = ['已交清', '部分交纳', '未交', '待核定'] as const;
export type RowState = (typeof ROW_STATES)[number];

/** A row is settled when paid in full; one still waiting for its base is neither paid nor unpaid. */
export function rowState(r: LedgerAmounts): RowState {
  if (r.calcKind === 'missing') return '待核定';
  if (r.paidFen >= payableOf(r)) return '已交清';
  return r.paidFen > 0 ? '部分交纳' : '未交';
}
export const isSettled = (r: LedgerAmounts): boolean => rowState(r) === '已交清';

export interface LedgerTotals {
  members: number;
  settled: number;
  payableFen: Fen;
  paidFen: Fen;
  owedFen: Fen;
}

export function ledgerTotals(rows: readonly LedgerAmounts[]): LedgerTotals {
  const t: LedgerTotals = { members: 0, settled: 0, payableFen: 0, paidFen: 0, owedFen: 0 };
  for (const r of rows) {
    t.members++;
    if (isSettled(r)) t.settled++;
    t.payableFen += payableOf(r);
    t.paidFen += r.paidFen;
    t.owedFen += owedOf(r);
  }
  return t;
}

/** Collection rate: percent of members settled, to one decimal (95.2 means 95.2%); 0 for no rows. */
export function collectionRate(settled: number, members: number): number {
  return members === 0 ? 0 : Math.round((settled * 1000) / members) / 10;
}

/** The rounding of one month's rows in words; null when no row was computed yet. */
export function roundingsLabel(roundings: readonly Rounding[]): string | null {
  const used = ROUNDING_RULES.filter((r) => roundings.includes(r));
  if (used.length === 0) return null;
  return used.length === 1
    ? ROUNDING_LABELS[used[0]!]
    : `各组织分别${used.map((r) => ROUNDING_LABELS[r]).join('、')}`;
}

/**
 * How the months of a multi-month sheet were rounded, from the rule each month's rows were computed with
 * (every row keeps the rule of its snapshot): months with the same rule run together, as in
 * "1月至6月四舍五入到分，7月至12月四舍五入到元"; a month whose orgs used different rules lists them.
 * Months without rows are left out; null when no month has rows (the caller states the setting instead).
 */
export function roundingStatement(
  perMonth: readonly { month: MonthKey; roundings: readonly Rounding[] }[],
): string | null {
  const runs: { from: MonthKey; to: MonthKey; label: string }[] = [];
  for (const { month, roundings } of perMonth) {
    const label = roundingsLabel(roundings);
    if (label === null) continue;
    const last = runs.at(-1);
    if (last && last.label === label && addMonthKeys(last.to, 1) === month) last.to = month;
    else runs.push({ from: month, to: month, label });
  }
  if (runs.length === 0) return null;
  const name = (m: MonthKey) => `${monthPeriod(m).index + 1}月`;
  return runs
    .map((r) => `${r.from === r.to ? name(r.from) : `${name(r.from)}至${name(r.to)}`}${r.label}`)
    .join('，');
}

/* ---------- payments ---------- */

export type PaymentLineKind = '按月交纳' | '补交' | '预交';

/** Paying for a month before the payment's month is a back payment; after it, a prepayment. */
export function lineKind(month: MonthKey, paidOnMonth: MonthKey): PaymentLineKind {
  if (month < paidOnMonth) return '补交';
  if (month > paidOnMonth) return '预交';
  return '按月交纳';
}

/** Back payment further back than BACK_PAYMENT_MONTHS needs a recorded branch decision. */
export const needsBranchDecision = (month: MonthKey, paidOnMonth: MonthKey): boolean =>
  monthsBetween(month, paidOnMonth) > BACK_PAYMENT_MONTHS;

/**
 * Quarterly prepayment (where the branch allows it): up to the end of the current quarter, and in a
 * quarter's last month up to the end of the next one.
 */
export function prepayLimit(paidOnMonth: MonthKey): MonthKey {
  const quarter = periodOf('quarter', monthStart(paidOnMonth));
  const lastMonth = monthOf(quarter.end);
  return lastMonth === paidOnMonth ? monthOf(nextPeriod(quarter).end) : lastMonth;
}

export const isLargeVoluntary = (voluntaryFen: Fen): boolean => voluntaryFen >= LARGE_VOLUNTARY_FEN;

/* ---------- arrears ---------- */

/**
 * Consecutive months not paid in full, counted back from the last ended month (the current month is not
 * late yet). Rows waiting for a base do not count; a month without a row (not a member then) ends the run.
 */
export function consecutiveUnpaid(
  rows: readonly (LedgerAmounts & { month: MonthKey })[],
  currentMonth: MonthKey,
): { months: number; since: MonthKey | null } {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  let months = 0;
  let since: MonthKey | null = null;
  for (let m = addMonthKeys(currentMonth, -1); ; m = addMonthKeys(m, -1)) {
    const r = byMonth.get(m);
    if (!r || r.calcKind === 'missing' || isSettled(r)) break;
    months++;
    since = m;
  }
  return { months, since };
}

/** The alert level reached by a run of unpaid months (3 or 6), or null. */
export function arrearsLevel(months: number): (typeof ARREARS_ALERT_MONTHS)[number] | null {
  let level: (typeof ARREARS_ALERT_MONTHS)[number] | null = null;
  for (const l of ARREARS_ALERT_MONTHS) if (months >= l) level = l;
  return level;
}

/** The wording of the six-month alert: a matter for the branch under the regulation, never an automatic act. */
export const SIX_MONTH_NOTE =
  '《中国共产党章程》第九条：党员无正当理由，连续六个月不交纳党费，就被认为是自行脱党。是否属于无正当理由、如何处理，由支部按规定调查了解、提出意见并按程序决定；系统不会自动变更党员状态。';

/* ---------- settings ---------- */

export interface DuesSettings {
  rounding: Rounding;
  /** Whether members of the branch may prepay (quarterly). */
  allowPrepay: boolean;
  /** Days before a month's end when members who have not paid are reminded. */
  reminderLeadDays: number;
}

export const DEFAULT_DUES_SETTINGS: DuesSettings = {
  rounding: '分',
  allowPrepay: false,
  reminderLeadDays: 5,
};

/** Limits shared by the API and the forms. */
export const DUES_LIMITS = {
  /** 1,000,000 元 a month: anything above is a typing error. */
  maxBaseFen: 100_000_000,
  maxPaymentFen: 100_000_000,
  reasonMin: 2,
  reasonMax: 500,
  maxImportRows: 20_000,
  maxReminderLeadDays: 15,
} as const;

/**
 * The rules flattened to one row per category band, for computing a whole month in one SQL statement
 * (the same data as DUES_RULES; a test holds both ways of computing equal).
 */
export interface FlatRule {
  category: DuesCategory;
  kind: DuesRule['kind'];
  /** The band holds bases above this (exclusive); -1 for the first band. */
  above: Fen;
  upTo: Fen | null;
  basisPoints: number;
  /** Fixed amount, or a range's default (its minimum). */
  amount: Fen;
}

export function flatRules(): FlatRule[] {
  const out: FlatRule[] = [];
  for (const category of DUES_CATEGORIES) {
    const rule = DUES_RULES[category];
    if (rule.kind === 'bands') {
      let above = -1;
      for (const band of rule.bands) {
        out.push({
          category,
          kind: 'bands',
          above,
          upTo: band.upTo,
          basisPoints: band.basisPoints,
          amount: 0,
        });
        above = band.upTo ?? above;
      }
    } else
      out.push({
        category,
        kind: rule.kind,
        above: -1,
        upTo: null,
        basisPoints: 0,
        amount: rule.kind === 'fixed' ? rule.amount : rule.min,
      });
  }
  return out;
}

export const roundingUnit = (rounding: Rounding): number =>
  rounding === '分' ? 1 : rounding === '角' ? 10 : 100;

export interface BasisFields {
  category: DuesCategory;
  baseFen?: Fen | null | undefined;
  chosenFen?: Fen | null | undefined;
  approvedFen?: Fen | null | undefined;
  approvalNote?: string | null | undefined;
}

/**
 * What is wrong with a basis as entered (form, API and each import row alike): a banded category needs
 * the monthly base unless an approved amount replaces it; farmers choose within 0.20–1.00 元; an approved
 * reduction or exemption names its approval (第五条).
 */
export function basisProblems(b: BasisFields): { field: keyof BasisFields; message: string }[] {
  const problems: { field: keyof BasisFields; message: string }[] = [];
  const rule = DUES_RULES[b.category];
  const approved = b.approvedFen !== null && b.approvedFen !== undefined;
  if (rule.kind === 'bands' && !approved && (b.baseFen === null || b.baseFen === undefined))
    problems.push({ field: 'baseFen', message: `${b.category}党员须填写月收入基数（税后工资或退休费）` });
  if (rule.kind === 'range' && !approved) {
    const chosen = b.chosenFen ?? null;
    if (chosen === null || chosen < rule.min || chosen > rule.max)
      problems.push({
        field: 'chosenFen',
        message: `农民党员每月交纳 ${formatYuan(rule.min)} 元至 ${formatYuan(rule.max)} 元，请填写其中的金额`,
      });
  }
  if (approved && !(b.approvalNote ?? '').trim())
    problems.push({
      field: 'approvalNote',
      message: '少交或免交须经党组织批准，请填写批准情况（如支委会决定日期）',
    });
  return problems;
}
