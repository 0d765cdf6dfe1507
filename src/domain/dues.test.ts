import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthKeys,
  arrearsLevel,
  bandFor,
  basisFor,
  CALC_KINDS,
  calculateDues,
  consecutiveUnpaid,
  DUES_CATEGORIES,
  DUES_RULES,
  type DuesBasis,
  type DuesCategory,
  flatRules,
  formatYuan,
  isMonthKey,
  type LedgerAmounts,
  ledgerTotals,
  lineKind,
  monthEnd,
  monthLabel,
  monthsBetween,
  needsBranchDecision,
  owedOf,
  payableOf,
  prepayLimit,
  ROUNDING_RULES,
  roundFen,
  roundingStatement,
  roundingUnit,
  rowState,
  snapshotFor,
  workingOf,
} from './dues';

const employed = (yuan: number) =>
  calculateDues({ category: '在职', baseFen: Math.round(yuan * 100), rounding: '分' });
const retired = (yuan: number) =>
  calculateDues({ category: '离退休', baseFen: Math.round(yuan * 100), rounding: '分' });

describe('dues for employed members (whole amount, not progressive)', () => {
  it.each([
    [3000, 1500],
    [3000.01, 3000],
    [5000, 5000],
    [5000.01, 7500],
    [4900, 4900],
    [5100, 7650],
    [10000, 15000],
    [10000.01, 20000],
    [0, 0],
  ])('%s 元 → %s 分', (yuan, fen) => {
    expect(employed(yuan).amount).toBe(fen);
  });

  it('shows its working', () => {
    expect(employed(5100).working).toBe('5100.00 元 × 1.5% = 76.50 元（四舍五入到分）');
  });
});

describe('dues for retirees', () => {
  it.each([
    [5000, 2500],
    [5000.01, 5000],
    [2000, 1000],
  ])('%s 元 → %s 分', (yuan, fen) => {
    expect(retired(yuan).amount).toBe(fen);
  });
});

describe('fixed and ranged categories, approvals', () => {
  it('charges students, the unemployed and 低保 recipients 0.20 元', () => {
    for (const category of ['学生', '下岗失业', '低保'] as const)
      expect(calculateDues({ category, baseFen: 999_999, rounding: '分' }).amount).toBe(20);
  });

  it('keeps farmers within 0.20–1.00 元', () => {
    expect(calculateDues({ category: '农民', baseFen: null, chosenFen: 50, rounding: '分' }).amount).toBe(50);
    expect(() => calculateDues({ category: '农民', baseFen: null, chosenFen: 101, rounding: '分' })).toThrow(
      '1.00',
    );
  });

  it('uses an approved reduction or exemption instead of the rate', () => {
    expect(
      calculateDues({ category: '在职', baseFen: 800_000, approvedFen: 0, rounding: '分' }),
    ).toMatchObject({ amount: 0, working: '经批准免交' });
  });

  it('refuses a missing or negative base for banded categories', () => {
    expect(() => calculateDues({ category: '在职', baseFen: null, rounding: '分' })).toThrow();
    expect(() => calculateDues({ category: '在职', baseFen: -1, rounding: '分' })).toThrow();
  });
});

describe('rounding', () => {
  it('rounds half up to the configured unit', () => {
    expect(roundFen(333_333 * 100, 10_000, '分')).toBe(3333);
    expect(roundFen(5, 10, '分')).toBe(1);
    expect(roundFen(4_999, 100, '角')).toBe(50);
    expect(roundFen(4_949, 100, '角')).toBe(50);
    expect(roundFen(4_940, 100, '角')).toBe(50);
    expect(roundFen(4_900, 100, '元')).toBe(0);
    expect(roundFen(5_000 * 100, 100, '元')).toBe(5_000);
  });

  it('formats 分 as 元 with two decimals', () => {
    expect(formatYuan(7650)).toBe('76.50');
    expect(formatYuan(5)).toBe('0.05');
  });
});

describe('properties', () => {
  const base = fc.integer({ min: 0, max: 10_000_000 });
  it('never gives a negative amount', () => {
    fc.assert(fc.property(base, (b) => employed(b / 100).amount >= 0 && retired(b / 100).amount >= 0));
  });

  it('within one band, never decreases as the base rises', () => {
    fc.assert(
      fc.property(base, base, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = calculateDues({ category: '在职', baseFen: lo, rounding: '分' });
        const y = calculateDues({ category: '在职', baseFen: hi, rounding: '分' });
        if (x.basisPoints === y.basisPoints) expect(y.amount).toBeGreaterThanOrEqual(x.amount);
      }),
    );
  });

  it('cites the regulation on every category', () => {
    for (const rule of Object.values(DUES_RULES)) expect(rule.regulation).toContain('中组发〔2008〕3号');
  });
});

/* ---------- boundary table: every band edge of every category, just below, on and just above ---------- */

describe('band edges of every category (中组发〔2008〕3号, whole amount)', () => {
  // [base in 分, expected 分] at every edge of the employed bands: 0, 1 分, and just below, on and just
  // above 3000, 5000 and 10000 元; the edge itself belongs to the lower band ("以下（含）").
  const employedEdges: [number, number][] = [
    [0, 0],
    [1, 0],
    [299_999, 1500],
    [300_000, 1500],
    [300_001, 3000],
    [499_999, 5000],
    [500_000, 5000],
    [500_001, 7500],
    [999_999, 15000],
    [1_000_000, 15000],
    [1_000_001, 20000],
    [5_000_000, 100000],
  ];
  // 灵活就业 and 其他 (members with a fixed income) are charged as employed members (第一条).
  const table: [DuesCategory, number, number][] = [
    ...(['在职', '灵活就业', '其他'] as const).flatMap((category) =>
      employedEdges.map(([base, fen]): [DuesCategory, number, number] => [category, base, fen]),
    ),
    ['离退休', 0, 0],
    ['离退休', 1, 0],
    ['离退休', 499_999, 2500],
    ['离退休', 500_000, 2500],
    ['离退休', 500_001, 5000],
    ['离退休', 1_000_001, 10000],
    ['学生', 0, 20],
    ['学生', 10_000_000, 20],
    ['下岗失业', 500_001, 20],
    ['低保', 1, 20],
  ];
  it.each(table)('%s %s 分 → %s 分', (category, baseFen, fen) => {
    expect(calculateDues({ category, baseFen, rounding: '分' }).amount).toBe(fen);
  });

  it('charges farmers their chosen amount at both ends of the range and refuses outside it', () => {
    for (const chosen of [20, 21, 99, 100])
      expect(
        calculateDues({ category: '农民', baseFen: null, chosenFen: chosen, rounding: '分' }).amount,
      ).toBe(chosen);
    expect(() => calculateDues({ category: '农民', baseFen: null, chosenFen: 19, rounding: '分' })).toThrow();
    expect(() =>
      calculateDues({ category: '农民', baseFen: null, chosenFen: 101, rounding: '分' }),
    ).toThrow();
  });

  it.each(employedEdges.map(([base]) => base))(
    'charges a farmer with a base of %s 分 the chosen amount, never a rate of the base',
    (baseFen) => {
      for (const chosen of [20, 100])
        expect(calculateDues({ category: '农民', baseFen, chosenFen: chosen, rounding: '分' })).toMatchObject(
          { amount: chosen, basisPoints: null },
        );
      expect(calculateDues({ category: '农民', baseFen, rounding: '元' }).amount).toBe(20);
      expect(() => calculateDues({ category: '农民', baseFen, chosenFen: 101, rounding: '分' })).toThrow();
    },
  );
});

describe('the rounding statement of a sheet over several months', () => {
  const months = (n: number) => Array.from({ length: n }, (_, i) => addMonthKeys('2026-01', i));

  it('runs months with the same rule together and leaves out months without rows', () => {
    expect(roundingStatement(months(12).map((month) => ({ month, roundings: ['分'] })))).toBe(
      '1月至12月四舍五入到分',
    );
    expect(
      roundingStatement(
        months(12).map((month, i) => ({
          month,
          roundings: i < 6 ? ['分', '分'] : i < 11 ? ['元'] : [],
        })),
      ),
    ).toBe('1月至6月四舍五入到分，7月至11月四舍五入到元');
  });

  it('names every rule of a month whose orgs used different ones, and gives null when nothing was computed', () => {
    expect(
      roundingStatement([
        { month: '2026-03', roundings: ['元', '分'] },
        { month: '2026-04', roundings: ['分'] },
      ]),
    ).toBe('3月各组织分别四舍五入到分、四舍五入到元，4月四舍五入到分');
    expect(roundingStatement(months(3).map((month) => ({ month, roundings: [] })))).toBeNull();
  });
});

describe('months', () => {
  it('adds and counts months across years', () => {
    expect(addMonthKeys('2026-11', 3)).toBe('2027-02');
    expect(addMonthKeys('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2026-05', '2026-11')).toBe(6);
    expect(monthsBetween('2025-12', '2026-01')).toBe(1);
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(isMonthKey('2026-13')).toBe(false);
    expect(monthLabel('2026-03')).toBe('2026年3月');
  });

  it('needs a branch decision only for back payments more than six months back', () => {
    expect(needsBranchDecision('2026-05', '2026-11')).toBe(false);
    expect(needsBranchDecision('2026-04', '2026-11')).toBe(true);
    expect(lineKind('2026-10', '2026-11')).toBe('补交');
    expect(lineKind('2026-11', '2026-11')).toBe('按月交纳');
    expect(lineKind('2026-12', '2026-11')).toBe('预交');
  });

  it('allows prepayment to the quarter end, and into the next quarter from its last month', () => {
    expect(prepayLimit('2026-10')).toBe('2026-12');
    expect(prepayLimit('2026-11')).toBe('2026-12');
    expect(prepayLimit('2026-12')).toBe('2027-03');
    expect(prepayLimit('2026-01')).toBe('2026-03');
  });
});

describe('bases with effective months', () => {
  const basis = (effectiveMonth: string, seq: number, over: Partial<DuesBasis> = {}): DuesBasis => ({
    effectiveMonth,
    category: '在职',
    baseFen: 400_000,
    chosenFen: null,
    approvedFen: null,
    seq,
    ...over,
  });

  it('applies a new salary from the month it is paid, not before', () => {
    const bases = [basis('2026-01', 1), basis('2026-07', 2, { baseFen: 520_000 })];
    expect(basisFor(bases, '2025-12')).toBeNull();
    expect(basisFor(bases, '2026-06')?.baseFen).toBe(400_000);
    expect(basisFor(bases, '2026-07')?.baseFen).toBe(520_000);
    expect(basisFor([...bases, basis('2026-07', 3, { baseFen: 530_000 })], '2026-08')?.baseFen).toBe(530_000);
  });

  it('follows a change of category in the middle of the year (retiring in April)', () => {
    const bases = [
      basis('2026-01', 1, { baseFen: 600_000 }),
      basis('2026-04', 2, { category: '离退休', baseFen: 600_000 }),
    ];
    const dues = ['2026-03', '2026-04'].map((m) => snapshotFor(basisFor(bases, m), '在职', '分').dueFen);
    expect(dues).toEqual([9000, 6000]);
  });

  it('marks a banded member without a base as waiting, and takes fixed categories from the roster', () => {
    expect(snapshotFor(null, '在职', '分')).toMatchObject({ calcKind: 'missing', dueFen: 0 });
    expect(snapshotFor(null, '学生', '分')).toMatchObject({ calcKind: 'fixed', dueFen: 20 });
    expect(snapshotFor(null, '自定义类别', '分')).toMatchObject({ category: '其他', calcKind: 'missing' });
    expect(
      snapshotFor({ category: '在职', baseFen: null, chosenFen: null, approvedFen: 0 }, '在职', '分'),
    ).toMatchObject({ calcKind: 'approved', dueFen: 0 });
  });

  it('explains every snapshot kind in words', () => {
    expect(workingOf(snapshotFor(basis('2026-01', 1, { baseFen: 510_000 }), '在职', '分'))).toBe(
      '5100.00 元 × 1.5% = 76.50 元（四舍五入到分）',
    );
    expect(workingOf(snapshotFor(null, '学生', '分'))).toBe('学生党员固定标准 0.20 元');
    expect(workingOf(snapshotFor(null, '在职', '分'))).toContain('未核定');
  });
});

describe('ledger states, totals and arrears', () => {
  const row = (over: Partial<LedgerAmounts & { month: string }> = {}) => ({
    month: '2026-10',
    calcKind: 'bands' as const,
    dueFen: 5000,
    adjustmentFen: 0,
    paidFen: 0,
    ...over,
  });

  it('derives each row state', () => {
    expect(rowState(row())).toBe('未交');
    expect(rowState(row({ paidFen: 100 }))).toBe('部分交纳');
    expect(rowState(row({ paidFen: 5000 }))).toBe('已交清');
    expect(rowState(row({ adjustmentFen: -5000 }))).toBe('已交清');
    expect(rowState(row({ calcKind: 'missing', dueFen: 0 }))).toBe('待核定');
  });

  it('counts consecutive unpaid ended months back from the last month', () => {
    const rows = [
      row({ month: '2026-06', paidFen: 5000 }),
      row({ month: '2026-07' }),
      row({ month: '2026-08', paidFen: 10 }),
      row({ month: '2026-09' }),
      row({ month: '2026-10' }),
      row({ month: '2026-11' }),
    ];
    expect(consecutiveUnpaid(rows, '2026-11')).toEqual({ months: 4, since: '2026-07' });
    expect(arrearsLevel(4)).toBe(3);
    expect(arrearsLevel(6)).toBe(6);
    expect(arrearsLevel(2)).toBeNull();
    expect(consecutiveUnpaid(rows, '2026-07')).toEqual({ months: 0, since: null });
  });
});

/* ---------- properties ---------- */

const categoryArb = fc.constantFrom(...DUES_CATEGORIES);
const roundingArb = fc.constantFrom(...ROUNDING_RULES);

describe('properties over every category, rounding and ledger', () => {
  it('never yields a negative amount', () => {
    fc.assert(
      fc.property(
        categoryArb,
        fc.integer({ min: 0, max: 100_000_000 }),
        roundingArb,
        (category, baseFen, rounding) => {
          expect(calculateDues({ category, baseFen, rounding }).amount).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('never decreases within one band as the base rises', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('在职', '离退休', '灵活就业') as fc.Arbitrary<DuesCategory>,
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        roundingArb,
        (category, a, b, rounding) => {
          const rule = DUES_RULES[category];
          if (rule.kind !== 'bands') return;
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          fc.pre(bandFor(rule.bands, lo) === bandFor(rule.bands, hi));
          const x = calculateDues({ category, baseFen: lo, rounding }).amount;
          const y = calculateDues({ category, baseFen: hi, rounding }).amount;
          expect(y).toBeGreaterThanOrEqual(x);
        },
      ),
    );
  });

  it('keeps the ledger totals equal to the sum of its rows', () => {
    const rowArb = fc.record({
      calcKind: fc.constantFrom(...CALC_KINDS),
      dueFen: fc.integer({ min: 0, max: 100_000 }),
      adjustmentFen: fc.integer({ min: -100_000, max: 100_000 }),
      paidFen: fc.integer({ min: 0, max: 200_000 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (rows) => {
        const t = ledgerTotals(rows);
        expect(t.members).toBe(rows.length);
        expect(t.payableFen).toBe(rows.reduce((s, r) => s + payableOf(r), 0));
        expect(t.paidFen).toBe(rows.reduce((s, r) => s + r.paidFen, 0));
        expect(t.owedFen).toBe(rows.reduce((s, r) => s + owedOf(r), 0));
        expect(t.settled).toBe(rows.filter((r) => rowState(r) === '已交清').length);
        for (const r of rows) expect(owedOf(r)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('flattens the rules so a band lookup by range gives the same amount as calculateDues', () => {
    const flat = flatRules();
    fc.assert(
      fc.property(
        categoryArb,
        fc.integer({ min: 0, max: 30_000_000 }),
        roundingArb,
        (category, baseFen, rounding) => {
          const band = flat.find(
            (r) => r.category === category && baseFen > r.above && (r.upTo === null || baseFen <= r.upTo),
          )!;
          const unit = roundingUnit(rounding);
          const sqlLike =
            band.kind === 'bands'
              ? Math.floor((baseFen * band.basisPoints * 2 + 10_000 * unit) / (2 * 10_000 * unit)) * unit
              : band.amount;
          expect(sqlLike).toBe(calculateDues({ category, baseFen, rounding }).amount);
        },
      ),
    );
  });
});
