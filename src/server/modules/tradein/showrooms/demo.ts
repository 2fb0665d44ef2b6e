import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { ShowroomChannel, ShowroomKind } from '../../../../shared/enums/tradein.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { DEMO_MERCHANT_NAME } from '../programs/demo.js';

/**
 * Demo showrooms and sample rooms of the demo enterprise, so the residents' finder has something to show: two
 * places to visit and one online showroom, each saying it is demo data. Run after the demo programmes are seeded
 * (programs/demo.ts); each start adds what is missing and links the showrooms to the running programmes the demo
 * enterprise is approved in, so a new year's demo programme carries them too.
 */
const DEMO_NOTE = '演示数据：仅供体验平台，不是真实的展厅或样板间。Demo data: for trying the platform only.';

interface DemoShowroom {
  name: string;
  kind: ShowroomKind;
  channel: ShowroomChannel;
  /** The enterprise's own town, or another one (the first town by id other than it). */
  town: 'own' | 'other' | null;
  address: string | null;
  url: string | null;
  openingHours: string;
  description: string;
}

const DEMO_SHOWROOMS: DemoShowroom[] = [
  {
    name: '示范智能家居体验馆（演示）',
    kind: 'smart_home_showroom',
    channel: 'offline',
    town: 'own',
    address: '晋江市青阳街道（演示地址）示范家电商场二楼',
    url: null,
    openingHours: '每日 09:00–21:00',
    description: `全屋智能、节能家电场景体验，可现场咨询以旧换新补贴。${DEMO_NOTE}`,
  },
  {
    name: '示范家装样板间（演示）',
    kind: 'renovation_sample_room',
    channel: 'offline',
    town: 'other',
    address: '晋江市（演示地址）家居建材城 3 号馆',
    url: null,
    openingHours: '周二至周日 09:30–18:00',
    description: `厨卫焕新、适老化改造样板间。${DEMO_NOTE}`,
  },
  {
    name: '示范线上智能家居展厅（演示）',
    kind: 'smart_home_showroom',
    channel: 'online',
    town: null,
    address: null,
    url: 'https://example.com/huanxin-demo-showroom',
    openingHours: '全天在线',
    description: `VR 全景看展，在线预约到店体验。${DEMO_NOTE}`,
  },
];

export async function seedShowroomDemo(deps: AppDeps): Promise<void> {
  const ctx = systemContext('seed-demo');
  const today = shanghaiDate();
  await inTransaction(deps.database, async (tx) => {
    const org = await tx
      .selectFrom('organizations')
      .select(['id', 'town_id'])
      .where('name', '=', DEMO_MERCHANT_NAME)
      .where('is_demo', '=', 1)
      .executeTakeFirst();
    if (!org || org.town_id === null) return;
    const orgId = Number(org.id);
    const programIds = (
      await tx
        .selectFrom('tradein_merchants as m')
        .innerJoin('tradein_programs as g', 'g.id', 'm.program_id')
        .select('g.id')
        .where('m.organization_id', '=', orgId)
        .where('m.status', '=', 'approved')
        .where('g.status', '=', 'active')
        .where('g.valid_to', '>=', today)
        .execute()
    ).map((p) => Number(p.id));
    if (programIds.length === 0) return;
    const other = await tx
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'town')
      .where('status', '=', 'active')
      .where('id', '!=', org.town_id)
      .orderBy('id')
      .executeTakeFirst();
    const now = nowIso();
    for (const d of DEMO_SHOWROOMS) {
      let row = await tx.selectFrom('tradein_showrooms').select('id').where('organization_id', '=', orgId).where('name', '=', d.name).executeTakeFirst();
      if (!row) {
        const townId = d.town === 'own' ? Number(org.town_id) : d.town === 'other' ? Number(other?.id ?? org.town_id) : null;
        row = await tx
          .insertInto('tradein_showrooms')
          .values({
            organization_id: orgId,
            kind: d.kind,
            channel: d.channel,
            name: d.name,
            town_id: townId,
            address: d.address,
            url: d.url,
            opening_hours: d.openingHours,
            description: d.description,
            status: 'open',
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(tx, ctx, {
          entity: 'tradein_showroom',
          entityId: Number(row.id),
          action: 'seed',
          after: { name: d.name, demo: true },
          organizationId: orgId,
        });
      }
      const linked = new Set(
        (await tx.selectFrom('tradein_showroom_programs').select('program_id').where('showroom_id', '=', row.id).execute()).map((l) => Number(l.program_id)),
      );
      const missing = programIds.filter((id) => !linked.has(id));
      if (missing.length)
        await tx
          .insertInto('tradein_showroom_programs')
          .values(missing.map((program_id) => ({ showroom_id: Number(row.id), program_id })))
          .execute();
    }
  });
}
