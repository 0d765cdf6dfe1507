import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, idCardConsistency, maskIdCard, parseIdCard } from './id-card';

describe('GB 11643 identity numbers', () => {
  it('accepts a number whose check character is right, and rejects one digit off', () => {
    const first17 = '11010519491231002';
    expect(checkCharacter(first17)).toBe('X');
    expect(parseIdCard(`${first17}X`)).toMatchObject({
      ok: true,
      info: { birthDate: '1949-12-31', sex: '女' },
    });
    expect(parseIdCard(`${first17}1`)).toEqual({ ok: false, problem: 'checksum' });
  });

  it('accepts a lowercase x and surrounding spaces', () => {
    expect(parseIdCard(' 11010519491231002x ')).toMatchObject({
      ok: true,
      info: { normalized: '11010519491231002X' },
    });
  });

  it('rejects wrong length, letters, and impossible birth dates', () => {
    expect(parseIdCard('1101051949123100')).toEqual({ ok: false, problem: 'format' });
    const feb30 = '35040219900230001';
    expect(parseIdCard(feb30 + checkCharacter(feb30))).toEqual({ ok: false, problem: 'birthDate' });
  });

  it('detects any single changed digit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2005 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (y, m, d, seq, pos, delta) => {
          const first17 = `350402${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
          const valid = first17 + checkCharacter(first17);
          expect(parseIdCard(valid).ok).toBe(true);
          const changed = (Number(valid[pos]) + delta) % 10;
          const tampered = valid.slice(0, pos) + changed + valid.slice(pos + 1);
          expect(parseIdCard(tampered)).not.toMatchObject({ ok: true, info: { normalized: valid } });
          const r = parseIdCard(tampered);
          if (r.ok) throw new Error(`tampered number accepted: ${tampered}`);
        },
      ),
    );
  });

  it('reports a birth date or sex that disagrees with the number', () => {
    const parsed = parseIdCard('11010519491231002X');
    if (!parsed.ok) throw new Error('fixture invalid');
    expect(idCardConsistency(parsed.info, { birthDate: '1949-12-30', sex: '男' })).toHaveLength(2);
    expect(idCardConsistency(parsed.info, { birthDate: '1949-12-31', sex: '女' })).toEqual([]);
  });

  it('masks all but the region prefix and the last four characters', () => {
    expect(maskIdCard('11010519491231002X')).toBe('1101**********002X');
  });
});
