import { describe, expect, it } from 'vitest';
import { shortNames } from './heat-map';

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
