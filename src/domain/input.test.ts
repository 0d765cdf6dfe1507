import { describe, expect, it } from 'vitest';
import { compactCode, halfWidth, plainFigure } from './input';

describe('input normalisation', () => {
  it('turns full-width digits, letters, punctuation and the ideographic space to half width', () => {
    expect(halfWidth('１３８００１３８０００')).toBe('13800138000');
    expect(halfWidth('２０２６－１１－２０')).toBe('2026-11-20');
    expect(halfWidth('ａｂｃ　ＸＹＺ：！')).toBe('abc XYZ:!');
  });

  it('leaves Chinese text and half-width input alone', () => {
    expect(halfWidth('张三丰、第一党支部。')).toBe('张三丰、第一党支部。');
    expect(halfWidth('2026-11-20')).toBe('2026-11-20');
  });

  it('compacts codes typed in groups, in full width or with a small x', () => {
    expect(compactCode(' 110101 19900307 123x ')).toBe('11010119900307123X');
    expect(compactCode('１１０１０１　１９９００３０７１２３ｘ')).toBe('11010119900307123X');
    expect(compactCode('138 0013 8000')).toBe('13800138000');
  });

  it('trims figures after making them half width', () => {
    expect(plainFigure('　３６５．５０ ')).toBe('365.50');
  });
});
