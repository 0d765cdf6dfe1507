import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateDues, DUES_RULES, formatYuan, roundFen } from './dues';

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
