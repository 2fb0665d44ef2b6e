import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/testApp.js';

describe('the kernel refuses what no person types, in the API’s shape', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['NUL', 'a\u0000b'],
    ['ESC (a terminal sequence)', 'x\u001b[2Jy'],
    ['backspace', 'x\u0008'],
    ['DEL', '\u007f'],
    ['C1 CSI', 'x\u009b31m'],
  ])('refuses %s in a JSON field, field by field, in the caller’s language', async (_, bad) => {
    const office = await t.login('demo_office');
    const res = await office.request({
      method: 'POST',
      url: '/api/plan-reports/1/return',
      headers: { 'accept-language': 'en' },
      payload: { reason: bad, deep: [{ ok: 'fine', text: bad }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([
      { field: 'reason', reason: 'controlCharacters', message: expect.stringContaining('control characters') },
      { field: 'deep.0.text', reason: 'controlCharacters', message: expect.any(String) },
    ]);
  });

  it('keeps tabs and line breaks (multi-line text) and checks the query and path parameters too', async () => {
    expect((await t.anonymous.post('/api/auth/login', { username: 'a\tb', password: 'line\none\r\n' })).statusCode).toBe(401);
    const office = await t.login('demo_office');
    const q = await office.get('/api/organizations?q=%1B%5B2J');
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details).toEqual([expect.objectContaining({ field: 'q', reason: 'controlCharacters' })]);
    const p = await office.get('/api/dictionaries/a%00b');
    expect(p.statusCode).toBe(400);
    expect(p.json().error.details).toEqual([expect.objectContaining({ field: 'code', reason: 'controlCharacters' })]);
  });

  it('answers a path parameter over 1,000 characters with 414 and an undecodable path with 400, both in the API’s shape', async () => {
    const office = await t.login('demo_office');
    const long = await office.request({ method: 'GET', url: `/api/organizations/${'9'.repeat(1001)}`, headers: { 'accept-language': 'zh-CN' } });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/json');
    expect(long.json()).toEqual({ error: { code: 'URI_TOO_LONG', message: '路径参数过长（每段最多 1000 个字符）', details: [] } });
    const en = await t.anonymous.request({ method: 'POST', url: `/api/dictionaries/${'a'.repeat(1200)}/items`, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(414);
    expect(en.json().error.message).toBe('A path parameter is too long (at most 1000 characters each)');
    const bad = await office.get('/api/organizations/%zz');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_URL');
    // Under the limit the route's own validation answers, field by field.
    const under = await office.get(`/api/organizations/${'9'.repeat(150)}`);
    expect(under.statusCode).toBe(400);
    expect(under.json().error.details.map((d: { field: string }) => d.field)).toEqual(['id']);
  });
});
