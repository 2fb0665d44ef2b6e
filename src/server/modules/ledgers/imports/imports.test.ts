import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiDate } from '../../../../../test/helpers/clock.js';
import { verifyAuditTrail } from '../../platform/audit/auditTrail.js';
import { fromSlots } from '../definition/slots.js';
import { loadKind } from '../kinds/current.js';
import { assetsOf, createImportKind, templateOf, upload, waitFor, type JobView } from './testSetup.js';

describe('importing assets from the kind’s template', () => {
  let t: TestApp;
  let office: TestClient;
  let dept: TestClient;
  let town: TestClient;
  let kindId: number;
  let ownTown: { id: number; name: string };
  let otherTown: { id: number; name: string };
  let ownerName: string;
  const year = Number(shanghaiDate().slice(0, 4));

  const row = (n: number, over: Record<string, ExcelJS.CellValue> = {}) => ({
    code: `EQ${String(n).padStart(4, '0')}`,
    units: n % 3 === 0 ? '1,200' : n + 1,
    area: 12.5,
    price: n % 2 ? '1,234.56' : 88.5,
    commissionedOn: n % 4 === 0 ? new Date(Date.UTC(2005, 2, 1)) : n % 4 === 1 ? '2010/3/1' : n % 4 === 2 ? '2012年3月9日' : '2020-11-30',
    material: n % 2 ? '废钢铁' : 'plastic',
    town: ownTown.name,
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    office = await t.login('demo_office');
    dept = await t.login('demo_department');
    town = await t.login('demo_town');
    const keeper = await db.selectFrom('users').select('organization_id').where('username', '=', 'demo_department').executeTakeFirstOrThrow();
    const townOrg = await db
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['o.id', 'o.name'])
      .where('u.username', '=', 'demo_town')
      .executeTakeFirstOrThrow();
    ownTown = { id: Number(townOrg.id), name: townOrg.name };
    const other = await db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('kind', '=', 'town')
      .where('id', '!=', ownTown.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    otherTown = { id: Number(other.id), name: other.name };
    ownerName = (await db.selectFrom('organizations').select('name').where('id', '=', Number(keeper.organization_id)).executeTakeFirstOrThrow()).name;
    kindId = await createImportKind(office, Number(keeper.organization_id));
  });
  afterAll(() => t.close());

  it('hands out a template generated from the definition', async () => {
    const { wb, headers, sheet, columnOf } = await templateOf(dept, kindId, { validations: true });
    const shown = headers.filter(Boolean);
    expect(shown).toEqual([
      '*设备编号 Equipment code',
      '数量 Units',
      '面积 Area',
      '价格 Price',
      '*投用日期 In use since',
      '*材料 Material',
      '产权单位 Owner',
      '*镇街 Town',
      '位置 Location',
      '新增日期 Added on',
    ]);
    // The type, unit and format of each column on its header; lists for dictionary and town columns.
    expect(JSON.stringify(sheet.getCell(1, columnOf('area')).note)).toContain('㎡');
    expect(JSON.stringify(sheet.getCell(1, columnOf('price')).note)).toContain('元');
    const material = sheet.getCell(2, columnOf('material')).dataValidation;
    expect(material).toMatchObject({ type: 'list' });
    const lists = wb.getWorksheet('lists')!;
    const listColumn = (formula: string) => lists.getColumn(/\$([A-Z]+)\$1/.exec(formula)![1]!).values.filter(Boolean);
    expect(listColumn(material.formulae![0] as string)).toContain('废钢铁');
    expect(listColumn(sheet.getCell(500, columnOf('town')).dataValidation.formulae![0] as string)).toContain(ownTown.name);
    const help = wb.getWorksheet('填写说明 Instructions')!;
    const text = help
      .getSheetValues()
      .flat()
      .map((v) => (typeof v === 'string' ? v : JSON.stringify(v ?? '')))
      .join('\n');
    expect(text).toContain('“设备编号”');
    expect(text).toContain('“Equipment code” matches');
    expect(await (await t.login('demo_auditor')).get(`/api/ledgers/kinds/${kindId}/template`).then((r) => r.statusCode)).toBe(403);
  });

  it('imports 200 rows with the values the sheet means, all at once', async () => {
    const { fill, buffer } = await templateOf(dept, kindId);
    for (let n = 0; n < 200; n++) fill(n + 2, row(n, n === 0 ? { owner: ownerName, location: '118.55, 24.78', added: '2024-05-06' } : {}));
    const started = await upload(dept, kindId, await buffer());
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'queued', filename: '设备台账.xlsx' });
    const job = await waitFor(dept, started.json().id);
    expect(job).toMatchObject({ status: 'succeeded', totalRows: 200, processedRows: 200, insertedRows: 200, updatedRows: 0, errors: [] });
    const kind = await loadKind(t.deps.database.db, kindId);
    const rows = await assetsOf(t, kindId);
    expect(rows).toHaveLength(200);
    const values = rows.map((r) => fromSlots(kind.definition, r));
    expect(values[0]).toMatchObject({
      code: 'EQ0000',
      units: 1200,
      area: 12.5,
      price: 8850,
      commissionedOn: '2005-03-01',
      material: 'plastic',
      town: ownTown.id,
      location: '118.55,24.78',
    });
    expect(values[0]!.owner).toBeGreaterThan(0);
    expect(values[1]).toMatchObject({ code: 'EQ0001', units: 2, price: 123456, commissionedOn: '2010-03-01', material: 'ferrous', owner: null });
    expect(values[2]).toMatchObject({ commissionedOn: '2012-03-09' });
    expect(rows[0]).toMatchObject({ title: 'EQ0000', unique_key: 'EQ0000', old_from: '2020-03-01', in_service_from: '2024-05-06', status: 'in_service' });
    expect(Number(rows[0]!.town_id)).toBe(ownTown.id);
    expect(rows[3]!.old_from).toBe('2035-11-30');
    const events = await t.deps.database.db.selectFrom('ledger_events').selectAll().where('kind_id', '=', kindId).execute();
    expect(events.map((e) => [Number(e.asset_id), e.effect, e.occurred_on])).toEqual([[Number(rows[0]!.id), 'added', '2024-05-06']]);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'ledger_import')
      .where('entity_id', '=', String(job.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ kindId, inserted: 200, updated: 0 });
    expect((await verifyAuditTrail(t.deps.database.db)).ok).toBe(true);
    // The page finds the job again after a reload; no one else sees it.
    expect((await dept.get(`/api/ledgers/kinds/${kindId}/imports`)).json()).toMatchObject({ total: 1, items: [{ id: job.id, status: 'succeeded' }] });
    expect((await town.get(`/api/ledgers/imports/${job.id}`)).statusCode).toBe(404);
    expect((await office.get(`/api/ledgers/imports/${job.id}`)).statusCode).toBe(200);
  });

  it('writes nothing when any row is wrong, and names every error by row and column in the reader’s language', async () => {
    const before = (await assetsOf(t, kindId)).length;
    const { fill, buffer } = await templateOf(dept, kindId);
    fill(2, row(1000));
    fill(3, row(1001, { material: '月球岩石' }));
    fill(4, row(1002, { commissionedOn: null, units: 0 }));
    fill(5, row(1000, { price: '12.345' }));
    fill(6, row(1003, { commissionedOn: '2019-02-30', town: '火星镇', code: 'bad code' }));
    fill(7, row(1004, { commissionedOn: `${year + 1}-01-01`, area: '1.25', added: 'soon' }));
    fill(8, row(1005, { code: 'EQ0001' })); // re-import of an existing asset: not an error
    const id = (await upload(dept, kindId, await buffer())).json().id;
    const job = await waitFor(dept, id);
    expect(job.status).toBe('failed');
    expect(job.insertedRows).toBe(0);
    const at = job.errors.map((e) => `${e.row}|${e.column}|${e.reason}`);
    const sorted = (list: string[]) => [...list].sort();
    expect(sorted(at)).toEqual(
      sorted([
        '3|*材料 Material|ledgers.unknownCode',
        '4|数量 Units|ledgers.tooSmall',
        '4|*投用日期 In use since|required',
        '5|价格 Price|ledgers.import.badMoney',
        '5|*设备编号 Equipment code|ledgers.import.duplicateInFile',
        '6|*投用日期 In use since|ledgers.notDate',
        '6|*镇街 Town|ledgers.import.unknownTownName',
        '6|*设备编号 Equipment code|ledgers.patternMismatch',
        '7|新增日期 Added on|ledgers.notDate',
        '7|面积 Area|ledgers.tooManyDecimals',
        '7|*投用日期 In use since|ledgers.dateInFuture',
      ]),
    );
    expect(job.errors.map((e) => e.row)).toEqual([...job.errors.map((e) => e.row)].sort((a, b) => a - b));
    const zh = job.errors.find((e) => e.reason === 'ledgers.import.duplicateInFile')!;
    expect(zh.message).toBe('与第 2 行重复');
    const en = await waitFor(dept, id, [], { 'accept-language': 'en' });
    expect(en.errors.find((e) => e.reason === 'ledgers.import.duplicateInFile')!.message).toBe('The same as row 2');
    expect(en.errors.find((e) => e.reason === 'ledgers.import.unknownTownName')!.message).toContain('火星镇');
    expect(await assetsOf(t, kindId)).toHaveLength(before);
  });

  it('refuses a sheet without a required column with one error at row 1', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('台账');
    sheet.addRow(['设备编号', 'Units', 'commissionedOn', '镇街 Town']);
    sheet.addRow(['EQ9000', 1, '2020-01-01', ownTown.name]);
    const job = await waitFor(dept, (await upload(dept, kindId, Buffer.from(await wb.xlsx.writeBuffer()))).json().id);
    expect(job.errors).toEqual([{ row: 1, column: '*材料 Material', reason: 'ledgers.import.missingColumn', message: '缺少必填列“*材料 Material”' }]);
  });

  it('re-imports by the unique field: matching rows update their asset instead of duplicating it', async () => {
    const before = await assetsOf(t, kindId);
    const { fill, buffer } = await templateOf(dept, kindId);
    fill(2, row(1, { units: 77, material: '废塑料' }));
    fill(3, row(2, { price: '10' }));
    fill(4, row(500));
    const job = await waitFor(dept, (await upload(dept, kindId, await buffer())).json().id);
    expect(job).toMatchObject({ status: 'succeeded', insertedRows: 1, updatedRows: 2 });
    const after = await assetsOf(t, kindId);
    expect(after).toHaveLength(before.length + 1);
    const kind = await loadKind(t.deps.database.db, kindId);
    const one = after.find((r) => r.unique_key === 'EQ0001')!;
    expect(Number(one.id)).toBe(Number(before.find((r) => r.unique_key === 'EQ0001')!.id));
    expect(fromSlots(kind.definition, one)).toMatchObject({ units: 77, material: 'plastic' });
    expect(
      fromSlots(
        kind.definition,
        after.find((r) => r.unique_key === 'EQ0002')!,
      ),
    ).toMatchObject({ price: 1000 });
  });

  it('lets a town import its own town’s rows only', async () => {
    const before = (await assetsOf(t, kindId)).length;
    const theirs = await templateOf(town, kindId);
    theirs.fill(2, row(600));
    theirs.fill(3, row(601, { town: otherTown.name }));
    const refused = await waitFor(town, (await upload(town, kindId, await theirs.buffer())).json().id);
    expect(refused.errors.map((e) => `${e.row}|${e.column}|${e.reason}`)).toEqual(['3|*镇街 Town|ledgers.notYourTown']);
    // An asset of another town cannot be taken over by re-importing its key.
    const other = await templateOf(dept, kindId);
    other.fill(2, row(700, { town: otherTown.name }));
    expect((await waitFor(dept, (await upload(dept, kindId, await other.buffer())).json().id)).status).toBe('succeeded');
    const takeover = await templateOf(town, kindId);
    takeover.fill(2, row(700));
    const taken = await waitFor(town, (await upload(town, kindId, await takeover.buffer())).json().id);
    expect(taken.errors.map((e) => `${e.row}|${e.column}|${e.reason}`)).toEqual(['2|*设备编号 Equipment code|ledgers.import.notYourAsset']);
    const own = await templateOf(town, kindId);
    own.fill(2, row(600));
    own.fill(3, row(602));
    expect(await waitFor(town, (await upload(town, kindId, await own.buffer())).json().id)).toMatchObject({ status: 'succeeded', insertedRows: 2 });
    expect(await assetsOf(t, kindId)).toHaveLength(before + 3);
    // A department that does not keep the ledger imports nothing.
    expect((await upload(await t.login('demo_finance'), kindId, await own.buffer())).statusCode).toBe(403);
  });

  it('refuses a file that is not an xlsx (415), and one with too many rows', async () => {
    const res = await upload(dept, kindId, Buffer.from('code,units\nEQ1,2\n'), 'list.csv');
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: [{ field: 'file', reason: 'fileType' }] });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('台账');
    sheet.addRow(['设备编号', '投用日期', '材料', '镇街']);
    for (let n = 0; n < 20_001; n++) sheet.addRow([`EQ${n}`]);
    const job = await waitFor(dept, (await upload(dept, kindId, Buffer.from(await wb.xlsx.writeBuffer()))).json().id);
    expect(job.errors).toMatchObject([{ row: 0, reason: 'ledgers.import.tooManyRows' }]);
    expect(job.errors[0]!.message).toContain('20000');
  });

  it('moves its progress while a 2,000-row file is checked', async () => {
    const { fill, buffer } = await templateOf(dept, kindId);
    for (let n = 0; n < 2000; n++) fill(n + 2, row(10_000 + n));
    const seen: JobView[] = [];
    const job = await waitFor(dept, (await upload(dept, kindId, await buffer())).json().id, seen);
    expect(job).toMatchObject({ status: 'succeeded', insertedRows: 2000, processedRows: 2000, totalRows: 2000 });
    const during = seen.filter((s) => s.status === 'running');
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((s) => s.totalRows === 2000 || s.totalRows === 0)).toBe(true);
    const progress = [...new Set(seen.map((s) => s.processedRows))];
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 0 && p < 2000)).toBe(true);
  });
});
