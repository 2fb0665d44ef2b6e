import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvidence } from '../helpers/evidence.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { buildRouteMatrix, matrixMarkdown, type MatrixRow } from '../fuzz/routeMatrix.js';

const FILE = path.resolve('docs/security/route-matrix.md');

describe('the role × action matrix', () => {
  let t: TestApp;
  let rows: MatrixRow[];
  beforeAll(async () => {
    t = await createTestApp();
    rows = await buildRouteMatrix(t);
  }, 600_000);
  afterAll(() => t.close());

  it('answers each route as its declared policy says (public: no one refused; otherwise anonymous must sign in)', () => {
    expect(rows.length).toBeGreaterThan(300);
    const wrong: string[] = [];
    for (const r of rows) {
      const o = r.outcomes;
      // Public: no one is refused by a policy (GET /api/auth/me answers 401 itself to say "not signed in").
      if (r.policy === 'public' && Object.values(o).includes('denied')) wrong.push(`${r.method} ${r.url}: public but ${JSON.stringify(o)}`);
      if (r.policy === 'public' && r.url !== '/api/auth/me' && o.anonymous !== 'allowed') wrong.push(`${r.method} ${r.url}: public, anonymous ${o.anonymous}`);
      if (r.policy !== 'public' && o.anonymous !== 'sign-in') wrong.push(`${r.method} ${r.url}: anonymous gets ${o.anonymous}`);
      if (r.policy === 'authenticated' && Object.entries(o).some(([k, v]) => k !== 'anonymous' && v === 'denied'))
        wrong.push(`${r.method} ${r.url}: authenticated but denied`);
      if (r.policy === 'none') wrong.push(`${r.method} ${r.url}: no policy`);
    }
    expect(wrong).toEqual([]);
  });

  it('matches the checked-in docs/security/route-matrix.md (HX_UPDATE_ROUTE_MATRIX=1 rewrites it)', () => {
    const generated = matrixMarkdown(rows);
    if (process.env.HX_UPDATE_ROUTE_MATRIX === '1') {
      fs.mkdirSync(path.dirname(FILE), { recursive: true });
      fs.writeFileSync(FILE, generated);
    }
    const checkedIn = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
    const same = checkedIn === generated;
    const cells = rows.reduce((n, r) => n + Object.keys(r.outcomes).length, 0);
    const count = (o: string) => rows.reduce((n, r) => n + Object.values(r.outcomes).filter((x) => x === o).length, 0);
    recordEvidence({
      control: 'route-matrix',
      ok: same,
      summary: {
        en: `Every one of ${rows.length} API routes asked as each of ${Object.keys(rows[0]!.outcomes).length} callers (${cells} real requests): ${count('allowed')} allowed, ${count('denied')} denied, ${count('sign-in')} sent to sign in — ${same ? 'as in the reviewed matrix' : 'DIFFERENT from the reviewed matrix'}.`,
        'zh-CN': `${rows.length} 个接口逐一以 ${Object.keys(rows[0]!.outcomes).length} 种身份真实请求（共 ${cells} 次）：允许 ${count('allowed')}、拒绝 ${count('denied')}、需登录 ${count('sign-in')}，${same ? '与已评审的权限矩阵一致' : '与已评审的权限矩阵不一致'}。`,
      },
      figures: {
        routes: rows.length,
        callers: Object.keys(rows[0]!.outcomes).length,
        cells,
        allowed: count('allowed'),
        denied: count('denied'),
        signIn: count('sign-in'),
      },
      command: 'npx vitest run test/api/routeMatrix.test.ts',
    });
    expect(generated).toBe(checkedIn);
  });
});
