import { createHash } from 'node:crypto';
import path from 'node:path';
import { ROLES, type Role } from '../shared/roles.js';

/** Everything the server reads from the environment, in one place (documented in README "Configuration"). */
export interface Config {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  /** Secret for keyed hashes of tokens and session ids. */
  sessionSecret: string;
  /** Key version 1 (HUANXIN_ENCRYPTION_KEY), or the lowest configured version when that is not set. */
  encryptionKey: Buffer;
  /** Every configured key version (HUANXIN_ENCRYPTION_KEY is 1, HUANXIN_ENCRYPTION_KEYS adds `N:key`), ascending; the highest seals. */
  encryptionKeys: { version: number; key: Buffer }[];
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
  /** Which cipher and hash suite protects personal data and the audit chain: AES-256-GCM/SHA-256, or SM4/SM3. */
  cryptoSuite: 'aes' | 'sm';
  /** Roles whose accounts must sign in with a second factor (TOTP). */
  mfaRoles: Role[];
  /** Served over TLS (directly or behind a terminating proxy): send Strict-Transport-Security. */
  tls: boolean;
  /** Where the proof scripts (tests, fuzzing, scans) leave their evidence for the security controls page. */
  evidenceDir: string;
  /** Redis shared by every app process for the sign-in rate limits (REDIS_URL); without it they live in the database. */
  redisUrl: string | null;
  /** Prefix of this installation's Redis keys (HUANXIN_REDIS_PREFIX), so installations can share one Redis. */
  redisKeyPrefix: string;
  /** Set by the cluster supervisor (HUANXIN_CLUSTER_WORKER): answers carry it in `x-huanxin-worker`. */
  clusterWorkerId: string | null;
  /**
   * How long the plan dashboard keeps an answer "as of now" and its snapshot of the computed indicators' metrics
   * (HUANXIN_DASHBOARD_SNAPSHOT_SECONDS; 60, and 0 under test so that a test sees a record it just wrote). A report
   * decided meanwhile changes the data version and with it the answer at once; other modules' records carry no
   * version the dashboard could follow, so their figures are as of the snapshot, which the answer's asOf and
   * dataAsOf state.
   */
  dashboardSnapshotSeconds: number;
  /**
   * Whether every start loads the working plan's parent plans (国发〔2024〕7号, 闽政〔2024〕5号) as reference data for
   * the target cascade (HUANXIN_REFERENCE_PLANS; on unless `0`).
   */
  referencePlans: boolean;
  /**
   * A PostgreSQL streaming replica of DATABASE_URL (DATABASE_REPLICA_URL) that dashboards, exports and public lists
   * read from while its lag is within replicaMaxLagSeconds (db/replica.ts); null without one, and with SQLite.
   */
  replicaUrl: string | null;
  /** Past this lag (HUANXIN_REPLICA_MAX_LAG_SECONDS, 5) the routed reads go to the primary until it catches up. */
  replicaMaxLagSeconds: number;
  version: string;
}

/** The officials' roles: a second factor is required of them in production unless HUANXIN_MFA_ROLES says otherwise. */
export const OFFICIAL_ROLES: readonly Role[] = ['office', 'department', 'town', 'auditor', 'admin', 'security'];

function roleList(raw: string | undefined, fallback: readonly Role[]): Role[] {
  if (raw === undefined) return [...fallback];
  const items = raw
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r && r !== 'none');
  const unknown = items.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new ConfigError(`HUANXIN_MFA_ROLES names unknown roles: ${unknown.join(', ')}`);
  return items as Role[];
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

/**
 * `HUANXIN_ENCRYPTION_KEYS="2:<key>,3:<key>"`: further key versions (same key formats). Version 1 is
 * HUANXIN_ENCRYPTION_KEY; it may be left out once a re-encryption run has retired it.
 */
function keyVersions(raw: string | undefined, v1Raw: string | undefined): { version: number; key: Buffer }[] {
  const out = new Map<number, Buffer>();
  if (v1Raw !== undefined) out.set(1, key32(v1Raw, 'encryption'));
  for (const item of (raw ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,6}):(.+)$/.exec(item);
    if (!m || Number(m[1]) < 1) throw new ConfigError('HUANXIN_ENCRYPTION_KEYS must be "version:key" pairs separated by commas, versions from 1');
    const version = Number(m[1]);
    if (out.has(version)) throw new ConfigError(`HUANXIN_ENCRYPTION_KEYS gives key version ${version} twice`);
    out.set(version, key32(m[2]!, 'encryption'));
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([version, key]) => ({ version, key }));
}

function cryptoSuite(raw: string | undefined): 'aes' | 'sm' {
  if (raw === undefined || raw === '' || raw === 'aes') return 'aes';
  if (raw === 'sm') return 'sm';
  throw new ConfigError(`HUANXIN_CRYPTO must be "aes" or "sm", got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(env.HUANXIN_DATA_DIR ?? 'data');
  const sessionSecret = env.HUANXIN_SESSION_SECRET ?? DEFAULT_SESSION_SECRET;
  const extraKeys = env.HUANXIN_ENCRYPTION_KEYS?.trim() ? env.HUANXIN_ENCRYPTION_KEYS : undefined;
  // Without any key the development key is version 1; with HUANXIN_ENCRYPTION_KEYS alone, version 1 is gone.
  const v1Raw = env.HUANXIN_ENCRYPTION_KEY ?? (extraKeys ? undefined : DEFAULT_ENCRYPTION_KEY);
  // The lookup hashes are keyed from HUANXIN_LOOKUP_KEY, by default from key version 1's value (as before key
  // versions); whoever removes version 1 from the configuration moves its value to HUANXIN_LOOKUP_KEY.
  const lookupRaw = env.HUANXIN_LOOKUP_KEY ?? v1Raw ?? DEFAULT_ENCRYPTION_KEY;
  if (nodeEnv === 'production') {
    const problems: string[] = [];
    if (sessionSecret === DEFAULT_SESSION_SECRET || sessionSecret.length < 32)
      problems.push('HUANXIN_SESSION_SECRET must be set to a random value of at least 32 characters');
    if (v1Raw === DEFAULT_ENCRYPTION_KEY) problems.push('HUANXIN_ENCRYPTION_KEY must be set (64 hex characters or base64 of 32 bytes)');
    if (v1Raw === undefined && lookupRaw === DEFAULT_ENCRYPTION_KEY)
      problems.push('HUANXIN_LOOKUP_KEY must be set when HUANXIN_ENCRYPTION_KEY is not (the former version 1 key)');
    if (problems.length) throw new ConfigError(`Refusing to start in production: ${problems.join('; ')}`);
  }
  const encryptionKeys = keyVersions(extraKeys, v1Raw);
  const postgres = /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '');
  const encryptionKey = encryptionKeys[0]!.key;
  return {
    nodeEnv,
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(dataDir, 'huanxin.db')}`,
    sessionSecret,
    encryptionKey,
    encryptionKeys,
    // Derived from the (version 1) encryption key so one secret suffices, yet the two uses never share a key.
    lookupKey: createHash('sha256').update('lookup:').update(key32(lookupRaw, 'encryption')).digest(),
    // Demo accounts and data are on by default except in production, where they must be asked for.
    demo: env.HUANXIN_DEMO === undefined || env.HUANXIN_DEMO === '' ? nodeEnv !== 'production' : env.HUANXIN_DEMO !== '0',
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
    cryptoSuite: cryptoSuite(env.HUANXIN_CRYPTO),
    mfaRoles: roleList(env.HUANXIN_MFA_ROLES, nodeEnv === 'production' ? OFFICIAL_ROLES : []),
    tls: env.HUANXIN_TLS === '1',
    evidenceDir: path.resolve(env.HUANXIN_EVIDENCE_DIR ?? 'test-artifacts/evidence'),
    redisUrl: env.REDIS_URL?.trim() || null,
    redisKeyPrefix: env.HUANXIN_REDIS_PREFIX ?? 'huanxin:',
    clusterWorkerId: env.HUANXIN_CLUSTER_WORKER?.trim() || null,
    referencePlans: env.HUANXIN_REFERENCE_PLANS !== '0',
    dashboardSnapshotSeconds: int(env, 'HUANXIN_DASHBOARD_SNAPSHOT_SECONDS', nodeEnv === 'test' ? 0 : 60),
    // A SQLite file has no replica to read from.
    replicaUrl: (postgres && env.DATABASE_REPLICA_URL?.trim()) || null,
    replicaMaxLagSeconds: int(env, 'HUANXIN_REPLICA_MAX_LAG_SECONDS', 5),
    version: env.npm_package_version ?? '0.1.0',
  };
}
