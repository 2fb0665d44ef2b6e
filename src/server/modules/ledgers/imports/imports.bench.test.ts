import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { createImportKind, templateOf, upload, type JobView } from './testSetup.js';

/**
 * How fast a large import goes, phase by phase, as its page sees it (HX_LEDGER_IMPORT_BENCH=10000 to run; skipped
 * in the suite): reading the file (progress 0), checking the rows (progress moving), writing them (all checked,
 * still running).
 */
const ROWS = Number(process.env.HX_LEDGER_IMPORT_BENCH ?? 0);

describe.runIf(ROWS > 0)(`a ${ROWS}-row import`, () => {
  let t: TestApp;
  let dept: TestClient;
  let kindId: number;
  let townName: string;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const keeper = await db.selectFrom('users').select('organization_id').where('username', '=', 'demo_department').executeTakeFirstOrThrow();
    townName = (await db.selectFrom('organizations').select('name').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()).name;
    kindId = await createImportKind(await t.login('demo_office'), Number(keeper.organization_id));
    dept = await t.login('demo_department');
  }, 120_000);
  afterAll(() => t.close());

  it('reports rows per second', async () => {
    let clock = performance.now();
    const { fill, buffer } = await templateOf(dept, kindId);
    for (let n = 0; n < ROWS; n++)
      fill(n + 2, {
        code: `BN${String(n).padStart(5, '0')}`,
        units: n + 1,
        area: 10.5,
        price: '1,000.50',
        commissionedOn: '2012-05-01',
        material: '废钢铁',
        town: townName,
      });
    const file = await buffer();
    const filled = performance.now() - clock;
    clock = performance.now();
    const id = (await upload(dept, kindId, file)).json().id as number;
    const marks: Record<string, number> = {};
    let job: JobView;
    for (;;) {
      job = (await dept.get(`/api/ledgers/imports/${id}`)).json<JobView>();
      const at = performance.now() - clock;
      if (job.processedRows > 0 && marks.checking === undefined) marks.checking = at;
      if (job.processedRows === ROWS && marks.writing === undefined) marks.writing = at;
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const total = performance.now() - clock;
    expect(job.status).toBe('succeeded');
    console.log(
      JSON.stringify({
        database: t.deps.database.dialect,
        rows: ROWS,
        templateFillMs: Math.round(filled),
        readMs: Math.round(marks.checking ?? 0),
        checkMs: Math.round((marks.writing ?? total) - (marks.checking ?? 0)),
        writeMs: Math.round(total - (marks.writing ?? total)),
        totalMs: Math.round(total),
        rowsPerSecond: Math.round(ROWS / (total / 1000)),
      }),
    );
  }, 600_000);
});
