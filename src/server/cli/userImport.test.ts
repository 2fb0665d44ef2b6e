import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUsers } from './userImport.js';
import { createTestApp, type TestApp } from '../../../test/helpers/testApp.js';

describe('user:import', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-import-'));
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const header = 'username,displayName,role,organization,password,mobile';

  it('imports nothing when any row is wrong, and says which row and column', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      [
        header,
        'chidian1,池店镇联络员,town,池店镇,Town#Pass2024,',
        'bad role,"名字, 带逗号",mayor,池店镇,Town#Pass2024,',
        'x2,某人,town,不存在的镇,weak,123',
      ].join('\n'),
    );
    const result = await importUsers(t.deps, file);
    expect(result.created).toBe(0);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'username' }),
        expect.objectContaining({ row: 3, column: 'role' }),
        expect.objectContaining({ row: 4, column: 'organization' }),
        expect.objectContaining({ row: 4, column: 'password' }),
        expect.objectContaining({ row: 4, column: 'mobile' }),
      ]),
    );
    expect(await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'chidian1').executeTakeFirst()).toBeUndefined();
  });

  it('imports every row of a good CSV and xlsx; each must change the password', async () => {
    const csv = path.join(dir, 'good.csv');
    fs.writeFileSync(
      csv,
      '\uFEFF' + [header, 'chidian1,池店镇联络员,town,池店镇,Town#Pass2024,13500000001', 'sw_clerk,商务局科员,department,市商务局,Dept#Pass2024,'].join('\r\n'),
    );
    expect(await importUsers(t.deps, csv)).toEqual({ created: 2, errors: [] });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('accounts');
    sheet.addRow(header.split(','));
    sheet.addRow(['auditor2', '审计员二', 'auditor', 'office', 'Audit#Pass2024', '']);
    const xlsx = path.join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(xlsx);
    expect(await importUsers(t.deps, xlsx)).toEqual({ created: 1, errors: [] });
    const c = await t.login('chidian1', 'Town#Pass2024');
    expect((await c.get('/api/auth/me')).json().user).toMatchObject({ mustChangePassword: true, organization: { name: '池店镇' }, mobile: '135****0001' });
  });

  it('refuses the whole file when a username already exists', async () => {
    const file = path.join(dir, 'dup.csv');
    fs.writeFileSync(file, [header, 'neili1,内坑镇联络员,town,内坑镇,Town#Pass2024,', 'chidian1,重复,town,池店镇,Town#Pass2024,'].join('\n'));
    const result = await importUsers(t.deps, file);
    expect(result.created).toBe(0);
    expect(result.errors[0]).toMatchObject({ row: 3, column: 'username' });
    expect(await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'neili1').executeTakeFirst()).toBeUndefined();
  });
});
