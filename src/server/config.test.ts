import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const KEY = 'ab'.repeat(32);
const load = (env: Record<string, string>) => loadConfig({ SECRET_KEY: KEY, ...env });

describe('TRUST_PROXY', () => {
  it('trusts no proxy when unset, so X-Forwarded-For is never believed by default', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('takes true or a list of proxy addresses and ranges', () => {
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(load({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it('refuses anything else at start-up with a clear message', () => {
    for (const value of ['yes', '1', '10.0.0.0/33', '10.0.0.1,nginx', '300.1.1.1'])
      expect(() => load({ TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY 应为 false、true 或以逗号分隔的反向代理地址/,
      );
  });
});

describe('CLOCK_START', () => {
  it('is absent unless set, and takes an instant with its time zone', () => {
    expect(load({}).clockStart).toBeUndefined();
    expect(load({ CLOCK_START: '2026-11-20T10:00:00+08:00' }).clockStart?.toISOString()).toBe(
      '2026-11-20T02:00:00.000Z',
    );
  });

  it('refuses a bare date or anything unreadable at start-up', () => {
    for (const value of ['2026-11-20', 'tomorrow', '2026-13-40T10:00:00+08:00'])
      expect(() => load({ CLOCK_START: value })).toThrow(/CLOCK_START 应为带时区的时刻/);
  });
});

describe('LOGINS_PER_MINUTE', () => {
  it('allows 20 logins a minute from one address unless told otherwise', () => {
    expect(load({}).loginsPerMinute).toBe(20);
    expect(load({ LOGINS_PER_MINUTE: '500' }).loginsPerMinute).toBe(500);
    expect(() => load({ LOGINS_PER_MINUTE: '0' })).toThrow();
  });
});
