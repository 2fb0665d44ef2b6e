import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, type TestApp } from '../helpers/testApp.js';
import { DEMO_ACCOUNT_OF_ROLE } from '../helpers/accounts.js';

/** The callers the fuzzer and the route matrix speak as: anonymous and one demo account of each role. */
export const FUZZ_ROLES: { role: string; username: string | null }[] = [{ role: 'anonymous', username: null }, ...DEMO_ACCOUNT_OF_ROLE];

interface Session {
  cookie: string;
  csrf: string;
}

type Row = Record<string, unknown>;

/**
 * Keeps every role's session usable while valid requests do what they are for: a logout, a session ended, an
 * account disabled, an organisation suspended, a password reset or a lockout by failed sign-ins. A 401 for a signed-in
 * role drops its session; the next request signs in again; a sign-in that fails puts the demo accounts' rows (and
 * their organisations') back as they were at the start and clears the lockout, then signs in again. Those repairs
 * are counted and made outside any fuzzed request, so they are not taken for changes by one.
 */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private needsRepair = false;
  private dirty = false;

  /** Whether a sign-in or a repair wrote to the database since the last call. */
  touched(): boolean {
    const was = this.dirty;
    this.dirty = false;
    return was;
  }
  private users: Row[] = [];
  private orgs: Row[] = [];
  readonly relogins = new Map<string, number>();
  readonly repairs = new Map<string, number>();
  /** Roles without a demo account on this build (left out, and said so in the summary). */
  readonly missing: string[] = [];

  constructor(private readonly t: TestApp) {}

  async start(): Promise<void> {
    const db = this.t.deps.database.db;
    const names = FUZZ_ROLES.map((r) => r.username).filter((u): u is string => !!u);
    this.users = await db.selectFrom('users').selectAll().where('username', 'in', names).execute();
    const orgIds = [...new Set(this.users.map((u) => Number(u.organization_id)).filter(Boolean))];
    this.orgs = orgIds.length ? await db.selectFrom('organizations').selectAll().where('id', 'in', orgIds).execute() : [];
    for (const r of FUZZ_ROLES) {
      if (!r.username) continue;
      if (!(await this.signIn(r.role, r.username))) this.missing.push(r.role);
    }
  }

  usable(role: string): boolean {
    return !this.missing.includes(role);
  }

  private async signIn(role: string, username: string): Promise<boolean> {
    const res = await this.t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) return false;
    const cookie = res.cookies.find((c) => c.name === 'hx_session');
    if (!cookie) return false;
    this.sessions.set(role, { cookie: `hx_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken });
    return true;
  }

  /** Puts the demo accounts and their organisations back and lifts any lockout. */
  async repair(): Promise<void> {
    const db = this.t.deps.database.db;
    for (const u of this.users) {
      const { id, ...rest } = u;
      await db.updateTable('users').set(rest).where('id', '=', Number(id)).execute();
    }
    for (const o of this.orgs) {
      const { id, ...rest } = o;
      await db.updateTable('organizations').set(rest).where('id', '=', Number(id)).execute();
    }
    await db.deleteFrom('login_throttle').execute();
  }

  /** Headers for `role`, signing in (and repairing) first when its session was lost. */
  async headers(role: string): Promise<Record<string, string>> {
    const entry = FUZZ_ROLES.find((r) => r.role === role)!;
    if (!entry.username || this.missing.includes(role)) return {};
    if (this.needsRepair) {
      this.needsRepair = false;
      this.dirty = true;
      bump(this.repairs, role);
      await this.repair();
    }
    let s = this.sessions.get(role);
    if (!s) {
      this.dirty = true;
      bump(this.relogins, role);
      if (!(await this.signIn(role, entry.username))) {
        bump(this.repairs, role);
        await this.repair();
        if (!(await this.signIn(role, entry.username))) throw new Error(`cannot sign ${entry.username} in again even after a repair`);
      }
      s = this.sessions.get(role)!;
    }
    return { cookie: s.cookie, 'x-csrf-token': s.csrf };
  }

  /** After a response: a 401 for a signed-in role means its session is gone. */
  observe(role: string, res: LightMyRequestResponse): void {
    if (role === 'anonymous') return;
    if (res.statusCode === 401) this.sessions.delete(role);
    // An administrator's valid password reset of a demo account: every later request of it would be this 403.
    if (res.statusCode === 403 && res.body.includes('"PASSWORD_CHANGE_REQUIRED"')) {
      this.sessions.delete(role);
      this.needsRepair = true;
    }
  }

  async inject(role: string, opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers = await this.headers(role);
    const res = await this.t.app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } });
    this.observe(role, res);
    return res;
  }
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}
