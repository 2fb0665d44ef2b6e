import { addEnterpriseAccount } from '../../../../../test/helpers/accounts.js';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';
import { inTransaction } from '../../../db/database.js';
import { insertUser } from '../../platform/users/service.js';

/**
 * Test set-up of the standards part: enterprises with an account in a town of the tests' own (the demo seed uses
 * other towns, so town-filtered figures see only the test's records), department accounts, evidence uploads.
 */
export const TEST_PASSWORD = 'Standards#Test2024';
export const EN = { 'accept-language': 'en' };

export const fields = (res: { json(): { error: { details: { field: string }[] } } }) => res.json().error.details.map((d) => d.field);

/** The towns in id order (the demo seed puts its records in towns 0, 2 and 5). */
export async function towns(t: TestApp): Promise<number[]> {
  return (await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
}

export async function addEnterprise(t: TestApp, username: string, townId: number): Promise<number> {
  return addEnterpriseAccount(t, { username, role: 'enterprise', townId, password: TEST_PASSWORD, name: `${username} 制造有限公司` });
}

/** A department account of a named department (市市场监管局, 市工信局, 市科技局, 市商务局…) or the office. */
export async function addUser(t: TestApp, username: string, organization: string, role: 'department' | 'auditor' | 'office' = 'department') {
  const org = await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', organization).executeTakeFirstOrThrow();
  await inTransaction(t.deps.database, (tx) =>
    insertUser(tx, t.deps, { username, displayName: username, role, organizationId: Number(org.id), password: TEST_PASSWORD, mustChangePassword: false }),
  );
  return t.login(username, TEST_PASSWORD);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function uploadEvidence(c: TestClient, name = '标准文本首页.pdf'): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), name);
  const res = await c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}

export const standardInput = (over: Record<string, unknown> = {}) => ({
  title: '运动鞋 防滑性能测试方法',
  number: 'GB/T 45001—2025',
  level: 'national',
  role: 'participant',
  stage: 'published',
  approvedOn: '2024-02-01',
  publishedOn: '2025-04-01',
  body: '全国制鞋标准化技术委员会',
  ...over,
});

export const certificationInput = (over: Record<string, unknown> = {}) => ({
  kind: 'green_factory',
  title: '绿色工厂',
  issuer: '福建省工业和信息化厅',
  certificateNumber: 'GF-T-0001',
  level: 'provincial',
  issuedOn: '2025-01-10',
  validUntil: '2028-01-09',
  ...over,
});

export const brandInput = (over: Record<string, unknown> = {}) => ({
  kind: 'guochao',
  name: '测试国潮',
  category: '运动鞋',
  recognizedOn: '2025-05-01',
  recognizer: '晋江市人民政府',
  ...over,
});

export const rdInput = (over: Record<string, unknown> = {}) => ({
  year: 2024,
  rdFen: 10_000_000_00,
  revenueFen: 500_000_000_00,
  rdStaff: 30,
  industry: 'footwear',
  ...over,
});

/** Creates, submits (with evidence) and optionally confirms a record; returns its id. */
export async function submitted(ent: TestClient, path: string, body: Record<string, unknown>, confirmer?: TestClient): Promise<number> {
  const evidence = [await uploadEvidence(ent)];
  const created = await ent.post(`/api/renewal/${path}`, { ...body, evidence });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
  const id = created.json().id as number;
  const sub = await ent.post(`/api/renewal/${path}/${id}/submit`);
  if (sub.statusCode !== 200) throw new Error(`submit failed: ${sub.statusCode} ${sub.body}`);
  if (confirmer) {
    const ok = await confirmer.post(`/api/renewal/${path}/${id}/confirm`, {});
    if (ok.statusCode !== 200) throw new Error(`confirm failed: ${ok.statusCode} ${ok.body}`);
  }
  return id;
}
