import ExcelJS from 'exceljs';
import { addEnterpriseAccount } from '../../../../../test/helpers/accounts.js';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';
import type { Role } from '../../../../shared/roles.js';
import { computeCreditCodeCheckChar } from '../../../../shared/validators/creditCode.js';
import { inTransaction } from '../../../db/database.js';
import { insertUser } from '../../platform/users/service.js';

/** Test set-up straight into the database: accounts of reference organisations, enterprises with credit codes. */
export const TEST_PASSWORD = 'Survey#Test2024';

export const code = (n: number) => {
  const first17 = `91350582MA2TT${String(n).padStart(4, '0')}`;
  return first17 + computeCreditCodeCheckChar(first17);
};

export async function orgId(t: TestApp, name: string): Promise<number> {
  return Number((await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
}

export async function towns(t: TestApp): Promise<{ id: number; name: string }[]> {
  const rows = await t.deps.database.db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').orderBy('id').limit(2).execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

export async function addAccount(t: TestApp, username: string, role: Role, organizationId: number): Promise<void> {
  await inTransaction(t.deps.database, (tx) =>
    insertUser(tx, t.deps, { username, displayName: username, role, organizationId, password: TEST_PASSWORD, mustChangePassword: false }),
  );
}

export async function addEnterprise(t: TestApp, username: string, townId: number, creditCode: string): Promise<number> {
  return addEnterpriseAccount(t, { username, role: 'enterprise', townId, password: TEST_PASSWORD, creditCode, name: `${username} 制造有限公司` });
}

/** An xlsx with the register's header and the given rows. */
export async function registerFile(rows: string[][], header = ['统一社会信用代码', '企业名称', '镇街', '行业']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('规上工业企业名录');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function upload(c: TestClient, url: string, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), 'register.xlsx');
  return c.request({ method: 'POST', url, payload: form as never });
}

/** A complete set of answers, overridable. */
export const answers = (over: Record<string, unknown> = {}) => ({
  hasRdTools: true,
  rdTools: ['cad'],
  keyProcesses: 10,
  cncProcesses: 7,
  transformed: true,
  transformationNote: '上线MES',
  app5gCount: 0,
  ...over,
});
