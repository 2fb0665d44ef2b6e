import type { AppDeps } from '../../../core/deps.js';
import type { LocalisedText } from '../../../../shared/i18n/messages.js';
import type { Role } from '../../../../shared/roles.js';
import { verifyAuditTrail } from '../audit/auditTrail.js';
import type { FactKey } from './controls.js';

export type FactState = 'ok' | 'warn' | 'fail';

export interface LiveFact {
  key: FactKey;
  label: LocalisedText;
  value: LocalisedText;
  state: FactState;
}

const OFFICIALS: readonly Role[] = ['office', 'department', 'town', 'auditor', 'admin', 'security'];
const text = (zh: string, en: string): LocalisedText => ({ 'zh-CN': zh, en });

/**
 * How many active officials hold a confirmed second factor (platform/mfa's `mfa_authenticators`). Guarded by the
 * table's presence in the database's own catalogue (SQLite and PostgreSQL alike): on a database whose migrations
 * have not made it yet, the fact says "not available" rather than a guess.
 */
async function enrolledOfficials(deps: AppDeps): Promise<number | null> {
  const db = deps.database.db;
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'mfa_authenticators')) return null;
  const row = await db
    .selectFrom('mfa_authenticators as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select((eb) => eb.fn.count<number>('m.user_id').distinct().as('n'))
    .where('m.confirmed_at', 'is not', null)
    .where('u.status', '=', 'active')
    .where('u.role', 'in', [...OFFICIALS])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The facts of the running system an assessor checks beside the evidence files. */
export async function readFacts(deps: AppDeps): Promise<LiveFact[]> {
  const { config, parameters } = deps;
  const db = deps.database.db;
  const [idle, lockAfter, lockWindow, lockMinutes] = await Promise.all([
    parameters.get('platform.sessionIdleMinutes'),
    parameters.get('platform.loginLockAfterFailures'),
    parameters.get('platform.loginFailureWindowMinutes'),
    parameters.get('platform.loginLockMinutes'),
  ]);
  const byRole = await db
    .selectFrom('users')
    .select(['role', 'is_demo', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .groupBy(['role', 'is_demo'])
    .execute();
  const count = (pred: (r: { role: string; is_demo: number }) => boolean) => byRole.filter(pred).reduce((n, r) => n + Number(r.n), 0);
  const mfaOfficials = count((r) => config.mfaRoles.includes(r.role as Role));
  const enrolled = await enrolledOfficials(deps);
  const audit = await verifyAuditTrail(db);
  const demoActive = count((r) => r.is_demo === 1 && r.role !== 'resident');
  const duty = (role: Role) => count((r) => r.role === role);

  const roles = config.mfaRoles.join(', ') || '—';
  return [
    {
      key: 'mfa',
      label: text('双因素认证', 'Second factor'),
      value: text(
        `要求角色：${roles}；须启用的在用账户 ${mfaOfficials} 个${enrolled === null ? '（双因素登记表尚未建立）' : `，已登记 ${enrolled} 个`}`,
        `required of: ${roles}; ${mfaOfficials} active accounts must use it${enrolled === null ? ' (the enrolment table does not exist yet)' : `, ${enrolled} enrolled`}`,
      ),
      state: config.mfaRoles.length === 0 ? 'warn' : enrolled !== null && enrolled >= mfaOfficials ? 'ok' : 'warn',
    },
    {
      key: 'password',
      label: text('口令策略', 'Password policy'),
      value: text(
        '10–128 个字符，含大写、小写、数字、符号中的三类；scrypt 加盐哈希保存',
        '10–128 characters with three of upper case, lower case, digits, symbols; stored as salted scrypt hashes',
      ),
      state: 'ok',
    },
    {
      key: 'session',
      label: text('会话超时', 'Session time-outs'),
      value: text(
        `空闲 ${idle} 分钟，绝对 ${config.sessionAbsoluteHours} 小时；会话标识以密钥哈希保存`,
        `idle ${idle} min, absolute ${config.sessionAbsoluteHours} h; session ids stored as keyed hashes`,
      ),
      state: Number(idle) <= 30 ? 'ok' : 'warn',
    },
    {
      key: 'lockout',
      label: text('登录失败处理', 'Failed sign-ins'),
      value: text(
        `${lockWindow} 分钟内失败 ${lockAfter} 次锁定 ${lockMinutes} 分钟`,
        `${lockAfter} failures within ${lockWindow} min lock the account for ${lockMinutes} min`,
      ),
      state: Number(lockAfter) > 0 && Number(lockAfter) <= 10 ? 'ok' : 'warn',
    },
    {
      key: 'tls',
      label: text('传输加密', 'Encryption in transit'),
      value: config.tls
        ? text('经 TLS 提供服务（HUANXIN_TLS=1），发送 Strict-Transport-Security', 'served over TLS (HUANXIN_TLS=1), Strict-Transport-Security sent')
        : text('未声明 TLS（HUANXIN_TLS 未设置）', 'TLS not declared (HUANXIN_TLS not set)'),
      state: config.tls ? 'ok' : 'warn',
    },
    {
      key: 'crypto',
      label: text('密码算法', 'Cryptography'),
      value:
        config.cryptoSuite === 'sm'
          ? text('国密：SM4 加密个人信息，SM3 用于审计链与密钥哈希', 'national: SM4 for personal data, SM3 for the audit chain and keyed hashes')
          : text('AES-256-GCM 与 SHA-256（未启用国密 HUANXIN_CRYPTO=sm）', 'AES-256-GCM and SHA-256 (national suite HUANXIN_CRYPTO=sm not selected)'),
      state: config.cryptoSuite === 'sm' ? 'ok' : 'warn',
    },
    {
      key: 'audit',
      label: text('审计链校验', 'Audit chain'),
      value: audit.ok
        ? text(`完整：${audit.records} 条记录，${audit.chains} 条链`, `intact: ${audit.records} records in ${audit.chains} chains`)
        : text(
            `断裂：链 ${audit.chain} 记录 ${audit.brokenId ?? '—'}（${audit.reason}）`,
            `broken: chain ${audit.chain} at record ${audit.brokenId ?? '—'} (${audit.reason})`,
          ),
      state: audit.ok ? 'ok' : 'fail',
    },
    {
      key: 'demo',
      label: text('默认账户', 'Default accounts'),
      value: config.demo
        ? text(`演示数据开启，在用演示账户 ${demoActive} 个`, `demo data on, ${demoActive} active demo accounts`)
        : text(`演示数据关闭，在用演示账户 ${demoActive} 个`, `demo data off, ${demoActive} active demo accounts`),
      state: demoActive === 0 ? 'ok' : 'warn',
    },
    {
      key: 'duties',
      label: text('三员账户', 'Administrator duties'),
      value: text(
        `系统管理员 ${duty('admin')}，安全管理员 ${duty('security')}，审计管理员 ${duty('auditor')}`,
        `system administrators ${duty('admin')}, security administrators ${duty('security')}, audit administrators ${duty('auditor')}`,
      ),
      state: duty('admin') > 0 && duty('security') > 0 && duty('auditor') > 0 ? 'ok' : 'warn',
    },
  ];
}
