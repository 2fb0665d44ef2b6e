import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ledgerDefinition, type LedgerField } from '../../../../shared/ledgers/definition.js';
import { ADDED_KEY, importColumns, type ImportLabels } from './columns.js';
import { cellInput, dateText, readLedgerSheet, yuanToFen } from './parse.js';
import { columnHint, templateWorkbook } from './template.js';
import { importDefinition } from './testSetup.js';

const def = ledgerDefinition.parse(importDefinition());
const field = (key: string) => def.fields.find((f) => f.key === key)! as LedgerField;
const labels: ImportLabels = {
  dictionaries: new Map([
    [
      'material_kind',
      [
        { code: 'ferrous', zh: '废钢铁', en: 'Scrap iron and steel', enabled: true },
        { code: 'plastic', zh: '废塑料', en: 'Waste plastics', enabled: true },
        { code: 'paper', zh: '废纸', en: 'Waste paper', enabled: false },
      ],
    ],
  ]),
  towns: [
    { id: 31, name: '青阳街道' },
    { id: 32, name: '梅岭街道' },
  ],
  organizations: new Map([
    ['市商务局', [5]],
    ['同名公司', [40, 41]],
  ]),
};

async function sheetWith(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('台账');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading a ledger sheet', () => {
  it('reads dates the ways people write them, and refuses days that do not exist', () => {
    expect(dateText(new Date(Date.UTC(2021, 0, 31)))).toBe('2021-01-31');
    expect(dateText('2021-1-5')).toBe('2021-01-05');
    expect(dateText('2021/01/05')).toBe('2021-01-05');
    expect(dateText('2021年1月5日')).toBe('2021-01-05');
    expect(dateText('2021.1.5')).toBe('2021-01-05');
    expect(dateText(44197)).toBe('2021-01-01'); // an Excel day number typed without a date format
    expect(dateText('2021-02-29')).toBeNull();
    expect(dateText('5 Jan 2021')).toBeNull();
  });

  it('turns yuan into whole fen exactly, never rounding a third decimal away', () => {
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen(' 88.5 ')).toBe(8850);
    expect(yuanToFen('￥12')).toBe(1200);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen('12.345')).toBeNull();
    expect(yuanToFen(12.345)).toBeNull();
    expect(yuanToFen('twelve')).toBeNull();
  });

  it('gives each cell the value the shared checks take', () => {
    expect(cellInput(field('units'), '1,200', labels)).toEqual({ value: 1200 });
    expect(cellInput(field('units'), '一千', labels)).toEqual({ issue: { reason: 'field.ledgers.notNumber' } });
    expect(cellInput(field('area'), 12.5, labels)).toEqual({ value: 12.5 });
    expect(cellInput(field('price'), '1,000.5', labels)).toEqual({ value: 100050 });
    expect(cellInput(field('code'), 12345, labels)).toEqual({ value: '12345' });
    expect(cellInput(field('material'), 'plastic', labels)).toEqual({ value: 'plastic' });
    expect(cellInput(field('material'), '废钢铁', labels)).toEqual({ value: 'ferrous' });
    expect(cellInput(field('material'), 'waste PLASTICS', labels)).toEqual({ value: 'plastic' });
    // Unknown (or disabled) codes go on to the check, which names them.
    expect(cellInput(field('material'), '月球岩石', labels)).toEqual({ value: '月球岩石' });
    expect(cellInput(field('material'), '废纸', labels)).toEqual({ value: 'paper' });
    expect(cellInput(field('town'), '梅岭街道', labels)).toEqual({ value: 32 });
    expect(cellInput(field('town'), '火星镇', labels)).toEqual({ issue: { reason: 'field.ledgers.import.unknownTownName', params: { value: '火星镇' } } });
    expect(cellInput(field('owner'), '市商务局', labels)).toEqual({ value: 5 });
    expect(cellInput(field('owner'), '同名公司', labels)).toMatchObject({ issue: { reason: 'field.ledgers.import.ambiguousOrganization' } });
    expect(cellInput(field('commissionedOn'), '2020年2月30日', labels)).toEqual({ issue: { reason: 'field.ledgers.notDate' } });
  });

  it('matches headers by the template’s text, the Chinese or English label, or the key', async () => {
    const data = await sheetWith([
      ['*设备编号 Equipment code', 'In use since', 'material', '镇街', '备注', 'added'],
      ['EQ001', '2020-01-01', '废钢铁', '青阳街道', 'a remark', '2024-01-02'],
      [],
      [null, null, null, null, 'only a remark: not an asset'],
      ['EQ002', '2020-01-02', 'plastic', '梅岭街道'],
    ]);
    const read = await readLedgerSheet(data, def, 100);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.sheet.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(Object.fromEntries(read.sheet.rows[0]!.cells)).toEqual({
      code: 'EQ001',
      commissionedOn: '2020-01-01',
      material: '废钢铁',
      town: '青阳街道',
      [ADDED_KEY]: '2024-01-02',
    });
    expect(read.sheet.headers.get('commissionedOn')).toBe('In use since');
  });

  it('names every missing required column at row 1, and refuses what is no workbook', async () => {
    const read = await readLedgerSheet(await sheetWith([['设备编号', '数量']]), def, 100);
    expect(read).toEqual({
      ok: false,
      errors: ['*投用日期 In use since', '*材料 Material', '*镇街 Town'].map((column) => ({
        row: 1,
        column,
        reason: 'field.ledgers.import.missingColumn',
        params: { column },
      })),
    });
    expect(await readLedgerSheet(Buffer.from('PK\u0003\u0004garbage'), def, 100)).toMatchObject({
      ok: false,
      errors: [{ reason: 'field.ledgers.import.unreadable' }],
    });
  });

  it('stops counting rows past the limit', async () => {
    const read = await readLedgerSheet(
      await sheetWith([['设备编号', '投用日期', '材料', '镇街'], ...Array.from({ length: 30 }, (_, i) => [`EQ${i}`])]),
      def,
      10,
    );
    expect(read.ok && read.sheet.rows.length).toBe(11);
  });

  it('describes each column in both languages, and the template reads back as its own columns', async () => {
    const columns = importColumns(def);
    expect(columns.map((c) => c.key)).not.toContain('photo');
    expect(
      columnHint(
        columns.find((c) => c.key === 'price')!,
        labels,
      ),
    ).toEqual({ zh: '金额（元），最多 2 位小数，不小于 0 元', en: 'An amount in yuan (元), at most 2 decimals, at least 0 元' });
    expect(
      columnHint(
        columns.find((c) => c.key === 'material')!,
        labels,
      ).zh,
    ).toBe('从列表选择（名称或代码）：废钢铁、废塑料');
    const read = await readLedgerSheet(await templateWorkbook(def, labels), def, 10);
    expect(read.ok && [...read.sheet.headers.keys()]).toEqual(columns.map((c) => c.key));
    expect(read.ok && read.sheet.rows).toEqual([]);
  });
});
