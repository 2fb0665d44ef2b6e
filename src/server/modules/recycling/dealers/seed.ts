import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { enter } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { DealerKind, ViolationType } from '../../../../shared/enums/recyclingDealers.js';
import { computeCreditCodeCheckChar } from '../../../../shared/validators/creditCode.js';
import { maskMobile } from '../../../../shared/validators/mobile.js';
import { computeVinCheckDigit } from '../../../../shared/validators/vin.js';
import { townCode } from '../../platform/seed/referenceOrganizations.js';
import { dealerWorkflow, violationWorkflow } from './workflow.js';

const creditCode = (n: number) => {
  const first = `91350582MA000${String(n).padStart(4, '0')}`;
  return first + computeCreditCodeCheckChar(first);
};
const vin = (serial: string) => {
  const raw = `LSVAM418${'0'}C2${serial}`;
  return raw.slice(0, 8) + computeVinCheckDigit(raw) + raw.slice(9);
};

interface DemoTrade {
  kind: DealerKind;
  daysAgo: number;
  description: string;
  amountFen: number;
  car?: { serial: string; from: string; to: string | null; exportCountry?: string };
}

interface DemoDealer {
  n: number;
  name: string;
  kinds: DealerKind[];
  /** Index into the reference towns (0 青阳街道, 6 安海镇, 8 陈埭镇). */
  town: number;
  address: string;
  /** Linked to the demo enterprise, whose account records its trades. */
  linked?: boolean;
  trades: DemoTrade[];
  violation?: { type: ViolationType; daysAgo: number; description: string; penaltyText: string; penaltyFen: number };
}

const DEMO_DEALERS: DemoDealer[] = [
  {
    n: 1,
    name: '晋江诚信二手车行（演示）',
    kinds: ['cars'],
    town: 0,
    address: '青阳街道世纪大道二手车交易市场 A-12',
    linked: true,
    trades: [
      { kind: 'cars', daysAgo: 12, description: '2019 款轿车 1.5L（演示）', amountFen: 6_800_000, car: { serial: '000001', from: '闽C', to: '闽C' } },
      { kind: 'cars', daysAgo: 8, description: '2020 款 SUV 2.0T（演示）', amountFen: 12_500_000, car: { serial: '000002', from: '闽C', to: '粤B' } },
      {
        kind: 'cars',
        daysAgo: 3,
        description: '2021 款皮卡（演示，二手车转让代出口）',
        amountFen: 9_300_000,
        car: { serial: '000003', from: '闽C', to: null, exportCountry: 'KZ' },
      },
    ],
  },
  {
    n: 2,
    name: '陈埭旧家电经营部（演示）',
    kinds: ['appliances', 'other'],
    town: 8,
    address: '陈埭镇江头村商贸街 66 号',
    trades: [{ kind: 'appliances', daysAgo: 5, description: '二手冰箱 2 台（演示）', amountFen: 120_000 }],
    violation: {
      type: 'data_not_wiped',
      daysAgo: 20,
      description: '销售的二手智能电视未清除原用户账号及观看记录（演示）',
      penaltyText: '责令改正，警告（演示）',
      penaltyFen: 200_000,
    },
  },
  {
    n: 3,
    name: '安海二手家具市场（演示）',
    kinds: ['furniture'],
    town: 6,
    address: '安海镇成功街 18 号',
    trades: [{ kind: 'furniture', daysAgo: 2, description: '实木餐桌椅一套（演示）', amountFen: 80_000 }],
  },
];

/**
 * With demo data on, three dealers (labelled 演示, `is_demo`) with a few trades and one violation, once (by credit
 * code), through the workflows so each has its history. The used-car dealer is linked to the demo enterprise, so
 * `demo_enterprise` records its trades; the violation is 市场监管局's.
 */
export async function seedDealersDemo(deps: AppDeps): Promise<void> {
  const ctx = systemContext('seed-demo');
  const today = shanghaiDate();
  await inTransaction(deps.database, async (tx) => {
    const codes = DEMO_DEALERS.map((d) => creditCode(d.n));
    const existing = new Set(
      (await tx.selectFrom('recycling_dealers').select('credit_code').where('credit_code', 'in', codes).execute()).map((r) => r.credit_code),
    );
    const enterprise = await tx.selectFrom('users').select('organization_id').where('username', '=', 'demo_enterprise').executeTakeFirst();
    const market = await tx.selectFrom('organizations').select('id').where('name', '=', '市市场监管局').executeTakeFirst();
    for (const d of DEMO_DEALERS) {
      const code = creditCode(d.n);
      if (existing.has(code)) continue;
      const town = await tx.selectFrom('organizations').select('id').where('code', '=', townCode(d.town)).executeTakeFirst();
      if (!town) continue;
      const now = nowIso();
      const mobile = `1390000010${d.n}`;
      const organizationId = d.linked && enterprise ? Number(enterprise.organization_id) : null;
      const registeredOn = addDays(today, -90);
      const row = await tx
        .insertInto('recycling_dealers')
        .values({
          name: d.name,
          credit_code: code,
          town_id: Number(town.id),
          address: d.address,
          contact_name: '演示联系人',
          contact_mobile_enc: deps.sealer.seal(mobile),
          contact_mobile_mask: maskMobile(mobile),
          licence_number: `演示备案-${d.n}`,
          organization_id: organizationId,
          registered_on: registeredOn,
          status: 'active',
          status_since: registeredOn,
          version: 1,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const dealerId = Number(row.id);
      await tx
        .insertInto('recycling_dealer_kinds')
        .values(d.kinds.map((kind) => ({ dealer_id: dealerId, kind })))
        .execute();
      await enter(tx, ctx, dealerWorkflow, {
        id: dealerId,
        action: 'register',
        organizationId,
        note: '演示数据 / demo data',
        audit: { after: { code, demo: true } },
      });
      for (const t of d.trades)
        await tx
          .insertInto('recycling_dealer_trades')
          .values({
            dealer_id: dealerId,
            kind: t.kind,
            traded_on: addDays(today, -t.daysAgo),
            description: t.description,
            amount_fen: t.amountFen,
            vin: t.car ? vin(t.car.serial) : null,
            plate_region_from: t.car?.from ?? null,
            plate_region_to: t.car?.to ?? null,
            cross_region: t.car && t.car.to !== null && t.car.to !== t.car.from ? 1 : 0,
            is_export: t.car?.exportCountry ? 1 : 0,
            export_country: t.car?.exportCountry ?? null,
            recorded_by: null,
            recorded_by_organization_id: organizationId,
            is_demo: 1,
            created_at: now,
          })
          .execute();
      if (d.violation && market) {
        const v = d.violation;
        const occurredOn = addDays(today, -v.daysAgo);
        const violation = await tx
          .insertInto('recycling_dealer_violations')
          .values({
            dealer_id: dealerId,
            occurred_on: occurredOn,
            type: v.type,
            description: v.description,
            penalty_text: v.penaltyText,
            penalty_fen: v.penaltyFen,
            evidence_json: '[]',
            issuing_organization_id: Number(market.id),
            recorded_by: null,
            status: 'in_force',
            revoked_reason: null,
            revoked_at: null,
            disclose_until: addDays(occurredOn, 1095),
            is_demo: 1,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await enter(tx, ctx, violationWorkflow, {
          id: Number(violation.id),
          action: 'record',
          organizationId: Number(market.id),
          note: '演示数据 / demo data',
        });
      }
    }
  });
}
