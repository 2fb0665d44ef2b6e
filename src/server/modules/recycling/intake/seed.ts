import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { computeCitizenIdCheckChar, computeCreditCodeCheckChar } from '../../../../shared/validators/index.js';
import type { RecordIntakeInput } from './schema.js';
import { recordIntake } from './service.js';

/** A valid (made-up) 晋江 citizen ID for a demo seller. */
const demoId = (first17: string) => first17 + computeCitizenIdCheckChar(first17);
/** A valid (made-up) unified social credit code for a demo enterprise seller. */
const demoCreditCode = (first17: string) => first17 + computeCreditCodeCheckChar(first17);

type DemoRecord = Omit<RecordIntakeInput, 'siteId' | 'takenInOn' | 'productionScrap'> & { site: string; daysAgo: number; productionScrap?: boolean };

const DEMO_RECORDS: DemoRecord[] = [
  {
    site: 'DEMO-RS-02',
    daysAgo: 0,
    material: 'appliances',
    applianceCategory: 'refrigerator',
    units: 2,
    source: 'individual',
    priceFen: 30_000,
    seller: { name: '演示出售人 陈某', idNumber: demoId('35058219800101123') },
  },
  {
    site: 'DEMO-RS-02',
    daysAgo: 0,
    material: 'paper',
    weightKg: 86.5,
    source: 'individual',
    priceFen: 12_110,
    seller: { name: '演示出售人 林某', idNumber: demoId('35058219751212234') },
  },
  {
    site: 'DEMO-RS-01',
    daysAgo: 1,
    material: 'steel',
    weightKg: 4_200,
    source: 'enterprise',
    productionScrap: true,
    priceFen: 1_092_000,
    seller: { name: '晋江演示机械有限公司（演示）', creditCode: demoCreditCode('91350582MA2Y0A001'), contactName: '演示经办人', contactPhone: '13800000002' },
  },
  {
    site: 'DEMO-RS-01',
    daysAgo: 2,
    material: 'plastics',
    weightKg: 650,
    source: 'enterprise',
    priceFen: 97_500,
    seller: { name: '陈埭演示鞋材厂（演示）', creditCode: demoCreditCode('91350582MA2Y0B002') },
  },
  {
    site: 'DEMO-RS-03',
    daysAgo: 3,
    material: 'textiles',
    weightKg: 32,
    source: 'individual',
    priceFen: 960,
    seller: { name: '演示出售人 陈某', idNumber: demoId('35058219800101123') },
  },
];

/**
 * With demo data on, a handful of intake records (labelled 演示, `is_demo`) at the demo recycler's sites, recorded
 * through the service as the demo recycler so their reverse invoices are real. Once: nothing when a demo record exists.
 */
export async function seedIntakeDemo(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  if (await db.selectFrom('recycling_intake_records').select('id').where('is_demo', '=', 1).executeTakeFirst()) return;
  const user = await db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'demo_recycler').executeTakeFirst();
  if (!user || user.organization_id === null) return;
  const sites = await db
    .selectFrom('recycling_sites')
    .select(['id', 'code'])
    .where('code', 'like', 'DEMO-RS-%')
    .where('status', '=', 'operating')
    .where('operator_organization_id', '=', user.organization_id)
    .execute();
  const base = systemContext('seed-demo');
  const ctx: RequestContext = {
    ...base,
    actor: { ...base.actor, userId: Number(user.id), role: 'recycler', organizationId: Number(user.organization_id), organizationKind: 'enterprise' },
  };
  const today = shanghaiDate();
  for (const { site, daysAgo, ...r } of DEMO_RECORDS) {
    const s = sites.find((x) => x.code === site);
    if (!s) continue;
    const { id } = await recordIntake(deps, ctx, {
      ...r,
      productionScrap: r.productionScrap ?? false,
      siteId: Number(s.id),
      takenInOn: addDays(today, -daysAgo),
    });
    await db.updateTable('recycling_intake_records').set({ is_demo: 1 }).where('id', '=', id).execute();
  }
}
