import { createHash } from 'node:crypto';
import path from 'node:path';

/** Everything the server reads from the environment, in one place (documented in README "Configuration"). */
export interface Config {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  /** Secret for keyed hashes of tokens and session ids. */
  sessionSecret: string;
  /** 32-byte key for AES-256-GCM encryption of personal data. */
  encryptionKey: Buffer;
  /** 32-byte key for the keyed hash (HMAC) that lets us check uniqueness of encrypted values. */
  lookupKey: Buffer;
  demo: boolean;
  dataDir: string;
  uploadDir: string;
  webDistDir: string;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  pgPoolSize: number;
  /** How long a stop (SIGTERM, SIGINT) waits for requests in flight before the process exits anyway. */
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  version: string;
}

const DEFAULT_SESSION_SECRET = 'huanxin-dev-session-secret-change-me';
const DEFAULT_ENCRYPTION_KEY = 'huanxin-dev-encryption-key-change-me';

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A key may be given as 64 hex characters or base64 of 32 bytes; anything else is stretched with SHA-256. */
function key32(raw: string, purpose: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(raw)) return Buffer.from(raw, 'hex');
  const b64 = Buffer.from(raw, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/]+=*$/.test(raw)) return b64;
  return createHash('sha256').update(`${purpose}:${raw}`).digest();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(env.HUANXIN_DATA_DIR ?? 'data');
  const sessionSecret = env.HUANXIN_SESSION_SECRET ?? DEFAULT_SESSION_SECRET;
  const encryptionKeyRaw = env.HUANXIN_ENCRYPTION_KEY ?? DEFAULT_ENCRYPTION_KEY;
  if (nodeEnv === 'production') {
    const problems: string[] = [];
    if (sessionSecret === DEFAULT_SESSION_SECRET || sessionSecret.length < 32)
      problems.push('HUANXIN_SESSION_SECRET must be set to a random value of at least 32 characters');
    if (encryptionKeyRaw === DEFAULT_ENCRYPTION_KEY) problems.push('HUANXIN_ENCRYPTION_KEY must be set (64 hex characters or base64 of 32 bytes)');
    if (problems.length) throw new ConfigError(`Refusing to start in production: ${problems.join('; ')}`);
  }
  const encryptionKey = key32(encryptionKeyRaw, 'encryption');
  return {
    nodeEnv,
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(dataDir, 'huanxin.db')}`,
    sessionSecret,
    encryptionKey,
    // Derived from the encryption key so one secret suffices, yet the two uses never share a key.
    lookupKey: createHash('sha256').update('lookup:').update(encryptionKey).digest(),
    demo: env.HUANXIN_DEMO !== '0',
    dataDir,
    uploadDir: path.resolve(env.HUANXIN_UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    webDistDir: path.resolve(env.HUANXIN_WEB_DIST ?? 'dist/web'),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    sessionIdleMinutes: int(env, 'HUANXIN_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'HUANXIN_SESSION_ABSOLUTE_HOURS', 12),
    bodyLimitBytes: int(env, 'HUANXIN_BODY_LIMIT_BYTES', 1024 * 1024),
    uploadLimitBytes: int(env, 'HUANXIN_UPLOAD_LIMIT_BYTES', 20 * 1024 * 1024),
    pgPoolSize: int(env, 'HUANXIN_PG_POOL_SIZE', 10),
    shutdownTimeoutMs: int(env, 'HUANXIN_SHUTDOWN_TIMEOUT_MS', 15_000),
    trustProxy: env.HUANXIN_TRUST_PROXY === '1',
    version: env.npm_package_version ?? '0.1.0',
  };
}
