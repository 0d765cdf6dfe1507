import { describe, expect, it } from 'vitest';
import { indexOfMonth, parsePeriodKey, periodKeyOf, shortNames } from './heat-map';

describe('period keys', () => {
  it('round-trips every unit the dashboard offers', () => {
    for (const key of ['2026', '2026-H1', '2026-H2', '2026-Q1', '2026-Q4', '2026-01', '2026-11', '2026-12'])
      expect(periodKeyOf(parsePeriodKey(key)!)).toBe(key);
  });

  it('refuses keys the API would refuse', () => {
    for (const key of ['', '26', '2026-H3', '2026-Q5', '2026-13', '2026-1', 'abcd'])
      expect(parsePeriodKey(key)).toBeNull();
  });

  it('lands a unit switch on the part of the year holding the month', () => {
    expect(indexOfMonth('half', 6)).toBe(1);
    expect(indexOfMonth('half', 7)).toBe(2);
    expect(indexOfMonth('quarter', 10)).toBe(4);
    expect(indexOfMonth('month', 11)).toBe(11);
    expect(indexOfMonth('year', 11)).toBe(1);
  });
});

describe('shortNames', () => {
  it('drops the prefix siblings share, cut where a word ends', () => {
    expect(
      shortNames([
        '中共青川市卫生健康委员会机关第一支部委员会',
        '中共青川市卫生健康委员会机关第二支部委员会',
        '中共青川市卫生健康委员会办公室支部委员会',
      ]),
    ).toEqual(['机关第一支部委员会', '机关第二支部委员会', '办公室支部委员会']);
  });

  it('never cuts inside a word that differs only after its first characters', () => {
    expect(
      shortNames([
        '中共青川市卫生健康委员会机关第一支部委员会',
        '中共青川市卫生健康委员会机关第二支部委员会',
      ]),
    ).toEqual(['第一支部委员会', '第二支部委员会']);
  });

  it('keeps names with nothing in common, and a single name, whole', () => {
    expect(shortNames(['中共青川市财政局机关第一支部委员会', '第一党小组'])).toEqual([
      '中共青川市财政局机关第一支部委员会',
      '第一党小组',
    ]);
    expect(shortNames(['中共青川市财政局机关委员会'])).toEqual(['中共青川市财政局机关委员会']);
  });
});
