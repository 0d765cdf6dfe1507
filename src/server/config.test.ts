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
