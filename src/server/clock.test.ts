import { describe, expect, it } from 'vitest';
import { systemClock } from './clock';

describe('systemClock', () => {
  it('starts at the given instant and runs on at the real pace, its date on the Shanghai calendar', () => {
    let real = Date.parse('2030-01-01T00:00:00Z');
    const clock = systemClock(new Date('2026-11-20T23:59:00+08:00'), () => real);
    expect(clock.now().toISOString()).toBe('2026-11-20T15:59:00.000Z');
    expect(clock.today()).toBe('2026-11-20');
    real += 120_000;
    expect(clock.now().toISOString()).toBe('2026-11-20T16:01:00.000Z');
    expect(clock.today()).toBe('2026-11-21');
  });

  it('is the real clock without a start', () => {
    const real = Date.parse('2026-03-01T17:00:00Z');
    const clock = systemClock(undefined, () => real);
    expect(clock.now().getTime()).toBe(real);
    expect(clock.today()).toBe('2026-03-02');
  });
});
