import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { enter } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { seedDefaultGrants, type DefaultGrant } from '../../platform/grants/service.js';
import { townCode } from '../../platform/seed/referenceOrganizations.js';
import type { RecyclingSiteTable } from '../tables.js';
import { recyclingSiteWorkflow } from './workflow.js';

/** 市商务局 registers and supervises the network (the plan's lead unit for 二(三)); the office may grant others. */
const DEFAULT_GRANTS: readonly DefaultGrant[] = [{ organization: '市商务局', capability: 'manage' }];

/** The first time only (seedDefaultGrants), so a grant the office withdraws is not put back at the next start. */
export async function seedSitesReference(deps: AppDeps): Promise<void> {
  await seedDefaultGrants(deps, 'recycling', DEFAULT_GRANTS);
}

type DemoSite = Pick<RecyclingSiteTable, 'kind' | 'name' | 'address' | 'latitude' | 'longitude' | 'origin' | 'status' | 'opening_hours'> & {
  code: string;
  /** Index into the reference towns (referenceOrganizations.ts: 0 青阳街道, 6 安海镇, 8 陈埭镇). */
  town: number;
  materials: string[];
  /** Days before the seed's day the works were completed (new, rebuilt, expanded and operating). */
  completedDaysAgo?: number;
};

const DEMO_SITES: DemoSite[] = [
  {
    code: 'DEMO-RS-01',
    kind: 'sorting_centre',
    name: '陈埭再生资源分拣中心（演示）',
    town: 8,
    address: '陈埭镇湖中村工业区 18 号',
    latitude: 24.833,
    longitude: 118.624,
    origin: 'new',
    status: 'operating',
    opening_hours: '08:00–18:00',
    materials: ['ferrous', 'nonferrous', 'plastic', 'paper', 'textile'],
    completedDaysAgo: 40,
  },
  {
    code: 'DEMO-RS-02',
    kind: 'station',
    name: '青阳社区回收站（演示）',
    town: 0,
    address: '青阳街道青华路 66 号',
    latitude: 24.808,
    longitude: 118.574,
    origin: 'rebuilt',
    status: 'operating',
    opening_hours: '09:00–17:30',
    materials: ['paper', 'plastic', 'appliance', 'electronics'],
    completedDaysAgo: 20,
  },
  {
    code: 'DEMO-RS-03',
    kind: 'smart_device',
    name: '青阳万达智能回收柜（演示）',
    town: 0,
    address: '青阳街道世纪大道万达广场北门',
    latitude: 24.797,
    longitude: 118.586,
    origin: 'existing',
    status: 'operating',
    opening_hours: '全天 / 24 h',
    materials: ['paper', 'plastic', 'textile'],
  },
  {
    code: 'DEMO-RS-04',
    kind: 'bulky_transfer',
    name: '安海大件废弃家具转运点（演示）',
    town: 6,
    address: '安海镇成功街 8 号',
    latitude: 24.716,
    longitude: 118.465,
    origin: 'new',
    status: 'planned',
    opening_hours: null,
    materials: ['other'],
  },
];

/**
 * With demo data on, a few sites (labelled 演示, `is_demo`) in three towns, run by the demo recycler: once (by
 * code), through the workflow so each has its history. Completion dates count back from the first start.
 */
export async function seedSitesDemo(deps: AppDeps): Promise<void> {
  const ctx = systemContext('seed-demo');
  const today = shanghaiDate();
  await inTransaction(deps.database, async (tx) => {
    const existing = new Set((await tx.selectFrom('recycling_sites').select('code').where('code', 'like', 'DEMO-RS-%').execute()).map((r) => r.code));
    const recycler = await tx.selectFrom('users').select('organization_id').where('username', '=', 'demo_recycler').executeTakeFirst();
    for (const s of DEMO_SITES) {
      if (existing.has(s.code)) continue;
      const town = await tx.selectFrom('organizations').select('id').where('code', '=', townCode(s.town)).executeTakeFirst();
      if (!town) continue;
      const now = nowIso();
      const row = await tx
        .insertInto('recycling_sites')
        .values({
          code: s.code,
          kind: s.kind,
          name: s.name,
          operator_organization_id: recycler ? Number(recycler.organization_id) : null,
          town_id: Number(town.id),
          address: s.address,
          latitude: s.latitude,
          longitude: s.longitude,
          licence_number: s.kind === 'smart_device' ? null : `演示-${s.code}`,
          licence_valid_to: s.status === 'operating' ? addDays(today, 730) : null,
          fire_safety: s.status === 'operating' ? 'compliant' : 'unknown',
          standardisation: s.origin === 'existing' ? 'in_progress' : s.status === 'operating' ? 'standardised' : 'not_assessed',
          capacity_tonnes_per_day: s.kind === 'sorting_centre' ? 120 : s.kind === 'station' ? 5 : null,
          materials_json: JSON.stringify(s.materials),
          opening_hours: s.opening_hours,
          contact_name: '演示联系人',
          contact_phone: '0595-85600000',
          status: s.status,
          origin: s.origin,
          completed_on: s.completedDaysAgo === undefined ? null : addDays(today, -s.completedDaysAgo),
          status_since: s.completedDaysAgo === undefined ? today : addDays(today, -s.completedDaysAgo),
          version: 1,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enter(tx, ctx, recyclingSiteWorkflow, {
        id: Number(row.id),
        action: s.status === 'planned' ? 'registerPlanned' : 'registerOperating',
        organizationId: Number(town.id),
        note: '演示数据 / demo data',
        audit: { after: { code: s.code, demo: true } },
      });
    }
  });
}
