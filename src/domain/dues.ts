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
