import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';

const corpus = readFileSync(fileURLToPath(new URL('./corpus/fujian-2024-31.txt', import.meta.url)), 'utf8');

describe('POST /api/plans/intake', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('drafts a plan file from pasted text, writing nothing; the draft loads through the plan import', async () => {
    const office = await t.login('demo_office');
    const before = (await office.get('/api/plans')).json().length;
    const res = await office.post('/api/plans/intake', { text: corpus });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.draft).toMatchObject({ code: 'FJ-2024-31', docNumber: '闽政办〔2024〕31号', startYear: 2024, endYear: 2026 });
    expect(body.items.find((i: { path: string }) => i.path === 'docNumber').span).toEqual({
      start: corpus.indexOf('闽政办'),
      end: corpus.indexOf('闽政办') + '闽政办〔2024〕31号'.length,
    });
    expect(body.warnings.length).toBeGreaterThan(0);
    expect(typeof body.warnings[0].message).toBe('string');
    expect((await office.get('/api/plans')).json().length).toBe(before);

    const load = await office.post('/api/plans/import', body.draft);
    expect(load.statusCode, load.body).toBe(200);
    expect(load.json()).toMatchObject({ created: true });
    expect((await office.get('/api/plans')).json().length).toBe(before + 1);
  });

  it('accepts an uploaded text file and refuses other types with a field error', async () => {
    const office = await t.login('demo_office');
    const upload = (data: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), name);
      return office.request({ method: 'POST', url: '/api/plans/intake', payload: form as never });
    };
    const ok = await upload(Buffer.from(corpus, 'utf8'), 'plan.txt');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().draft.code).toBe('FJ-2024-31');
    const bad = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'plan.png');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'file' });
  });

  it('answers a too-short text with a field error in the caller’s language', async () => {
    const office = await t.login('demo_office');
    const res = await office.post('/api/plans/intake', { text: '方案' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'text' });
  });

  it('is the office’s: a department may not draft plans', async () => {
    const dept = await t.login('demo_department');
    expect((await dept.post('/api/plans/intake', { text: corpus })).statusCode).toBe(403);
  });
});
