import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/server/config.js';
import { createTestApp, isPostgres, type TestApp } from '../helpers/testApp.js';
import { recordEvidence } from '../helpers/evidence.js';
import { liftAuditGuardsAsDba } from '../../src/server/modules/platform/audit/dbaTampering.js';
import { inTransaction } from '../../src/server/db/database.js';

const run = promisify(execFile);

describe('the API as a whole', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database and migration count', async () => {
    const res = await t.anonymous.get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: isPostgres() ? 'postgres' : 'sqlite' });
    expect(res.json().migrations).toBeGreaterThan(0);
  });

  it('answers /livez without the database: a worker whose connections are all busy is alive, not hung', async () => {
    // SQLite has one connection: while this transaction holds it, /healthz's ping waits — /livez must not.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = inTransaction(t.deps.database, () => held);
    const health = t.anonymous.get('/healthz');
    const live = await t.anonymous.get('/livez');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok', pid: process.pid });
    release();
    await holding;
    expect((await health).statusCode).toBe(200);
  });

  it('serves an OpenAPI 3 document that a standard validator accepts, and the docs UI', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.paths['/api/auth/register/resident'].post).toBeTruthy();
    // What clients need beyond the zod schemas: error responses derived from each route's declaration, empty 204s,
    // public routes, upload bodies, downloads.
    const statuses = (op: { responses: Record<string, unknown> }) => Object.keys(op.responses).sort();
    const login = doc.paths['/api/auth/login'].post;
    expect(login.security).toEqual([]);
    expect(login.responses['400'].content['application/json'].schema.properties.error.required).toEqual(['code', 'message', 'details']);
    // Public, but a POST: CSRF of a session, the body kernels, the idempotency key and the login throttle.
    expect(statuses(login)).toEqual(['200', '400', '401', '403', '409', '413', '415', '422', '429']);
    expect(login.responses['401'].description).toContain('API token');
    // A public GET without input: neither 400 nor 404; 403 only for a session that must change its password.
    const towns = doc.paths['/api/towns'].get;
    expect(towns.security).toEqual([]);
    expect(statuses(towns)).toEqual(['200', '401', '403']);
    expect(towns.responses['403'].description).toContain('PASSWORD_CHANGE_REQUIRED');
    const approve = doc.paths['/api/renewal/projects/{id}/approve'].post;
    expect(statuses(approve)).toEqual(['200', '400', '401', '403', '404', '409', '413', '414', '415', '422']);
    expect(approve.security).toBeUndefined();
    expect(statuses(doc.paths['/api/organizations/{id}'].get)).toEqual(['200', '400', '401', '403', '404', '414']);
    expect(doc.paths['/api/auth/logout'].post.responses['204'].content).toBeUndefined();
    expect(doc.components.schemas.ApiError.required).toEqual(['error']);
    // A download says what it is.
    expect(Object.keys(doc.paths['/api/organizations/export.xlsx'].get.responses['200'].content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    // The rules the server enforces are in the schemas (resident registration: the ID number and the password).
    const register = doc.paths['/api/auth/register/resident'].post.requestBody.content['application/json'].schema;
    const props = register.properties ?? doc.components.schemas[register.$ref?.split('/').pop()]?.properties;
    expect(JSON.stringify(props)).toContain('GB 11643');
    expect(props.idNumber.pattern).toBe('^\\s*\\d{17}[\\dXx]\\s*$');
    expect(props.password).toMatchObject({ minLength: 10, pattern: expect.stringContaining('(?=') });
    expect(props.password.description).toContain('At least 10 and at most 128 characters');
    const upload = doc.paths['/api/attachments'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    const ui = await t.anonymous.get('/api/docs/');
    expect(ui.statusCode).toBe(200);
    const ops = Object.values(doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>).flatMap((item) =>
      Object.values(item),
    );
    const withErrors = ops.filter((op) => Object.keys(op.responses).some((s) => s.startsWith('4'))).length;
    expect(withErrors).toBe(ops.length);
    recordEvidence({
      control: 'openapi',
      ok: true,
      summary: {
        en: `The OpenAPI document passes a standard validator; all ${ops.length} operations list their 4xx answers with the error shape, ${ops.filter((o) => Array.isArray(o.security) && !o.security.length).length} public ones need no credentials, uploads and 204s are described.`,
        'zh-CN': `OpenAPI 文档通过标准校验；${ops.length} 个接口全部列出 4xx 应答及统一错误结构，其中 ${ops.filter((o) => Array.isArray(o.security) && !o.security.length).length} 个公开接口无需凭证，上传与 204 应答均有描述。`,
      },
      figures: {
        operations: ops.length,
        paths: Object.keys(doc.paths).length,
        publicOperations: ops.filter((o) => Array.isArray(o.security) && !o.security.length).length,
        documentedResponses: ops.reduce((n, o) => n + Object.keys(o.responses).length, 0),
        validatorErrors: (result.errors ?? []).length,
      },
      command: 'npx vitest run test/api/app.test.ts -t OpenAPI',
    });
  });

  it('every API route declares the policy it checks', () => {
    const apiRoutes = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(apiRoutes.length).toBeGreaterThan(20);
    const missing = apiRoutes.filter((r) => !r.config?.policy).map((r) => `${String(r.method)} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('answers malformed JSON with 400, an oversized body with 413 and unknown routes with 404, in one shape', async () => {
    const malformed = await t.anonymous.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    const big = await t.anonymous.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const unknown = await t.anonymous.get('/api/no/such/thing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: expect.any(String), details: [] } });
    const wrongType = await t.anonymous.request({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(wrongType.statusCode).toBe(415);
    const wrongShape = await t.anonymous.post('/api/auth/login', { username: 5 });
    expect(wrongShape.statusCode).toBe(400);
    expect(
      wrongShape
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['password', 'username']);
  });

  it('refuses control characters in any JSON field by name, and answers an overlong path parameter in the API’s shape', async () => {
    const office = await t.login('demo_office');
    const res = await office.post('/api/plan-reports/1/return', { reason: 'ok\u0000', nested: { list: ['fine', 'bad\u001b[2J'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['reason', 'nested.list.1']);
    expect(res.json().error.details[0].message).toContain('控制字符');
    // Tabs and line breaks are text.
    expect((await t.anonymous.post('/api/auth/login', { username: 'a\tb', password: 'line\none\r\n' })).statusCode).toBe(401);
    const long = await office.get(`/api/organizations/${'9'.repeat(150)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.map((d: { field: string }) => d.field)).toEqual(['id']);
  });

  it('sends security headers on every response', async () => {
    for (const url of ['/healthz', '/api/towns', '/api/nothing']) {
      const res = await t.anonymous.get(url);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('honours Idempotency-Key: a retry returns the first result instead of a duplicate', async () => {
    const body = { mobile: '13666666666', password: 'Resident#2024x', realName: '赵六', idNumber: '11010519491231002X' };
    const headers = { 'idempotency-key': 'register-zhao-liu-0001' };
    const first = await t.anonymous.post('/api/auth/register/resident', body, headers);
    const retry = await t.anonymous.post('/api/auth/register/resident', body, headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    const withoutKey = await t.anonymous.post('/api/auth/register/resident', body);
    expect(withoutKey.statusCode).toBe(409);
    const reused = await t.anonymous.post('/api/auth/register/resident', { ...body, realName: '别人' }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('serves the single-page app for client routes only when built; API 404s stay JSON', async () => {
    const res = await t.anonymous.get('/api/organizations/x/y/z');
    expect(res.headers['content-type']).toContain('application/json');
  });
});

describe('configuration', () => {
  it('refuses to start in production with the default secret or key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', HUANXIN_SESSION_SECRET: 'x'.repeat(40) })).toThrow(/HUANXIN_ENCRYPTION_KEY/);
    const ok = loadConfig({ NODE_ENV: 'production', HUANXIN_SESSION_SECRET: 'x'.repeat(40), HUANXIN_ENCRYPTION_KEY: 'ab'.repeat(32) });
    expect(ok.encryptionKey).toHaveLength(32);
  });
});

describe('command line', () => {
  it('user:create then POST /api/auth/login returns 200 and a cookie; audit:verify reports OK and then the broken record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-cli-'));
    // The CLI runs against SQLite here; the API tests cover PostgreSQL.
    const env = { ...process.env, NODE_ENV: 'test', HUANXIN_DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}`, HUANXIN_DEMO: '0' };
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], { env, cwd: process.cwd() });
    try {
      const created = await cli('user:create', '--username', 'office1', '--password', 'Strong#Pass2024', '--role', 'office');
      expect(created.stdout).toContain('created user office1');
      const { createTestApp: _unused, ...rest } = await import('../helpers/testApp.js');
      void rest;
      const { buildApp } = await import('../../src/server/app.js');
      const { createDeps } = await import('../../src/server/runtime.js');
      const deps = createDeps(loadConfig(env));
      const app = await buildApp(deps);
      try {
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office1', password: 'Strong#Pass2024' } });
        expect(login.statusCode).toBe(200);
        const cookie = login.cookies.find((c) => c.name === 'hx_session');
        expect(cookie?.httpOnly).toBe(true);
        const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `hx_session=${cookie!.value}` } });
        expect(me.json().user).toMatchObject({ username: 'office1', role: 'office', organization: { kind: 'office' } });
      } finally {
        await app.close();
      }
      expect((await cli('audit:verify')).stdout).toMatch(/^OK/);
      const victim = await deps.database.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow();
      await liftAuditGuardsAsDba(deps.database.db); // as a DBA would: the application cannot alter the trail
      await deps.database.db.updateTable('audit_log').set({ actor_username: 'someone-else' }).where('id', '=', victim.id).execute();
      await deps.database.close();
      const broken = await cli('audit:verify').then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(broken?.code).toBe(1);
      expect(broken?.stderr).toContain(`record ${victim.id}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Three CLI processes each compile the TypeScript on start; a busy 2-core CI machine needs the time.
  }, 240_000);
});
