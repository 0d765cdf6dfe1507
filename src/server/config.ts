import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Everything the server can be told from outside is parsed here once,
 * with a clear message for anything wrong, before any other work starts.
 */
/** Login attempts allowed per minute from one client address (等保: limit guessing). */
export const LOGINS_PER_MINUTE = 20;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'SECRET_KEY 必须是 64 位十六进制字符（32 字节）')
    .optional(),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .refine((value) => parseTrustProxy(value) !== null, {
      message: 'TRUST_PROXY 应为 false、true 或以逗号分隔的反向代理地址（如 127.0.0.1,10.0.0.0/8）',
    })
    .transform((value) => parseTrustProxy(value) ?? false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  LOGINS_PER_MINUTE: z.coerce.number().int().min(1).default(LOGINS_PER_MINUTE),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLOCK_START: z
    .string()
    .trim()
    .refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(Date.parse(value)), {
      message: 'CLOCK_START 应为带时区的时刻，如 2026-11-20T10:00:00+08:00',
    })
    .transform((value) => new Date(value))
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Attachments, stored by content hash: <DATA_DIR>/files. */
  filesDir: string;
  databaseUrl: string | undefined;
  /** 32-byte key for encrypting 身份证号 at rest. */
  secretKey: Buffer;
  seedDemo: 'auto' | 'true' | 'false';
  cookieSecure: boolean;
  /**
   * Whose X-Forwarded-For to believe for the client address (login rate limit, audit log): nobody by
   * default, since any client can send the header; a list trusts only those proxy addresses, `true` every
   * sender (only when nothing but the proxy can reach the app).
   */
  trustProxy: TrustProxy;
  sessionIdleMinutes: number;
  /** Login attempts per minute from one address; more are refused with 429 until the minute has passed. */
  loginsPerMinute: number;
  sessionAbsoluteHours: number;
  logLevel: string;
  /**
   * For demos and browser tests: the server's clock reads this instant at start-up and runs on from it, so
   * a run sees the same date and time of day whenever it happens. Absent: the real clock.
   */
  clockStart: Date | undefined;
  webDir: string;
}

export type TrustProxy = boolean | string[];

/** TRUST_PROXY as Fastify's trustProxy option; null when it is none of the accepted forms. */
export function parseTrustProxy(value: string): TrustProxy | null {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  const entries = value.split(',').map((v) => v.trim());
  return entries.every(isAddressOrRange) ? entries : null;
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    filesDir: path.join(dataDir, 'files'),
    databaseUrl: e.DATABASE_URL,
    secretKey: e.SECRET_KEY ? Buffer.from(e.SECRET_KEY, 'hex') : loadOrCreateKeyFile(dataDir),
    seedDemo: e.SEED_DEMO,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    loginsPerMinute: e.LOGINS_PER_MINUTE,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    logLevel: e.LOG_LEVEL,
    clockStart: e.CLOCK_START,
    webDir: path.resolve('dist/web'),
  };
}

/**
 * Without SECRET_KEY the key lives beside the embedded data (mode 0600), so a laptop install works with no
 * setup; a production deployment passes SECRET_KEY and keeps it out of the database backups.
 */
function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}
