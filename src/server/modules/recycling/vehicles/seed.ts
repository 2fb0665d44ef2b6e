import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { VEHICLE_ASSEMBLIES, type ScrappedVehicleStatus, type VehicleFuelType } from '../../../../shared/enums/recyclingVehicles.js';
import { computeCitizenIdCheckChar, maskCitizenId } from '../../../../shared/validators/citizenId.js';
import { computeVinCheckDigit } from '../../../../shared/validators/vin.js';
import { DEMO_RESIDENT } from '../../platform/seed/seedDemo.js';
import { claimCertificateNumber, claimOpenVin } from './keys.js';
import { dismantlingQualificationWorkflow, scrappedVehicleWorkflow } from './workflow.js';

const QUALIFICATION_NUMBER = 'DEMO-闽商拆〔2024〕01';

const vin = (body: string) => body.slice(0, 8) + computeVinCheckDigit(body) + body.slice(9);

interface DemoVehicle {
  vin: string;
  plate: string;
  /** The demo resident owns the first, so "我的报废车辆" has one to show; the others belong to made-up people. */
  owner: 'demo' | string;
  fuel: VehicleFuelType;
  emission: 'guo2' | 'guo3' | 'guo4' | 'guo5';
  registered: string;
  /** Days before the seed's day it was taken in; each later step a few days after the one before. */
  receivedDaysAgo: number;
  reaches: Exclude<ScrappedVehicleStatus, 'withdrawn'>;
  certificate: string;
}

const DEMO_VEHICLES: DemoVehicle[] = [
  {
    vin: vin('LFV2A21K0D0000001'),
    plate: '闽C8A001',
    owner: 'demo',
    fuel: 'petrol',
    emission: 'guo3',
    registered: '2010-05-12',
    receivedDaysAgo: 40,
    reaches: 'deregistered',
    certificate: 'DEMOBF350582000001',
  },
  {
    vin: vin('LSGKB54H0A0000002'),
    plate: '闽C6B002',
    owner: '演示车主甲',
    fuel: 'diesel',
    emission: 'guo2',
    registered: '2006-09-03',
    receivedDaysAgo: 20,
    reaches: 'dismantled',
    certificate: 'DEMOBF350582000002',
  },
  {
    vin: vin('LHGCM56H0B0000003'),
    plate: '闽C3C003',
    owner: '演示车主乙',
    fuel: 'petrol',
    emission: 'guo4',
    registered: '2012-01-20',
    receivedDaysAgo: 8,
    reaches: 'certificate_issued',
    certificate: 'DEMOBF350582000003',
  },
  {
    vin: vin('LGBH52E00C0000004'),
    plate: '闽C9D004',
    owner: '演示车主丙',
    fuel: 'petrol',
    emission: 'guo5',
    registered: '2015-03-08',
    receivedDaysAgo: 2,
    reaches: 'received',
    certificate: 'DEMOBF350582000004',
  },
];

const STEPS = ['received', 'certificate_issued', 'dismantled', 'deregistered'] as const;
const reached = (v: DemoVehicle, step: (typeof STEPS)[number]) => STEPS.indexOf(step) <= STEPS.indexOf(v.reaches);

/** A made-up owner's ID number (a valid check character), different per vehicle. */
const madeUpId = (n: number) => {
  const first17 = `35058219700101${String(900 + n).padStart(3, '0')}`;
  return first17 + computeCitizenIdCheckChar(first17);
};

async function demoQualification(tx: Tx, recyclerOrg: number, today: string): Promise<number> {
  const ctx = systemContext('seed-demo');
  const existing = await tx.selectFrom('recycling_dismantling_qualifications').select('id').where('number', '=', QUALIFICATION_NUMBER).executeTakeFirst();
  if (existing) return Number(existing.id);
  const now = nowIso();
  const row = await tx
    .insertInto('recycling_dismantling_qualifications')
    .values({
      organization_id: recyclerOrg,
      number: QUALIFICATION_NUMBER,
      issued_by: '福建省商务厅（演示）',
      valid_from: addDays(today, -365),
      valid_to: addDays(today, 3 * 365),
      status: 'active',
      registered_by: null,
      revoked_at: null,
      revoked_reason: null,
      is_demo: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enter(tx, ctx, dismantlingQualificationWorkflow, {
    id: Number(row.id),
    action: 'register',
    organizationId: recyclerOrg,
    note: '演示数据 / demo data',
    audit: { after: { number: QUALIFICATION_NUMBER, demo: true } },
  });
  return Number(row.id);
}

/**
 * With demo data on: a dismantling qualification for the demo recycler and four vehicles at each step of the
 * one-stop (labelled 演示, `is_demo`), the first owned by the demo resident. Once (by qualification number and VIN),
 * through the workflow so each has its timeline; dates count back from the first start.
 */
export async function seedVehiclesDemo(deps: AppDeps): Promise<void> {
  const ctx = systemContext('seed-demo');
  const today = shanghaiDate();
  await inTransaction(deps.database, async (tx) => {
    const recycler = await tx
      .selectFrom('users')
      .innerJoin('organizations as o', 'o.id', 'users.organization_id')
      .select(['o.id', 'o.town_id'])
      .where('users.username', '=', 'demo_recycler')
      .executeTakeFirst();
    if (!recycler || recycler.town_id === null) return;
    const orgId = Number(recycler.id);
    const qualificationId = await demoQualification(tx, orgId, today);
    const seen = new Set((await tx.selectFrom('recycling_scrapped_vehicles').select('vin').where('is_demo', '=', 1).execute()).map((r) => r.vin));
    for (const [i, v] of DEMO_VEHICLES.entries()) {
      if (seen.has(v.vin)) continue;
      const idNumber = v.owner === 'demo' ? DEMO_RESIDENT.idNumber : madeUpId(i);
      const received = addDays(today, -v.receivedDaysAgo);
      const certified = reached(v, 'certificate_issued') ? received : null;
      const dismantled = reached(v, 'dismantled') ? addDays(received, 3) : null;
      const deregistered = reached(v, 'deregistered') ? addDays(received, 10) : null;
      const now = nowIso();
      const row = await tx
        .insertInto('recycling_scrapped_vehicles')
        .values({
          dismantler_organization_id: orgId,
          qualification_id: qualificationId,
          town_id: Number(recycler.town_id),
          vin: v.vin,
          plate: v.plate,
          owner_kind: 'person',
          owner_name: v.owner === 'demo' ? DEMO_RESIDENT.realName : v.owner,
          owner_id_enc: deps.sealer.seal(idNumber),
          owner_id_hash: deps.sealer.lookup(idNumber),
          owner_id_mask: maskCitizenId(idNumber),
          owner_credit_code: null,
          emission_standard: v.emission,
          fuel_type: v.fuel,
          registered_on: v.registered,
          received_on: received,
          certificate_number: null,
          certificate_issued_on: null,
          dismantled_on: null,
          deregistered_on: null,
          status: 'received',
          withdrawn_reason: null,
          version: 1,
          recorded_by: null,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      const key = { dismantlerOrganizationId: orgId, vehicleId: id };
      await claimOpenVin(tx, v.vin, key);
      const note = '演示数据 / demo data';
      await enter(tx, ctx, scrappedVehicleWorkflow, { id, action: 'receive', organizationId: orgId, note, params: { receivedOn: received } });
      if (certified) {
        await claimCertificateNumber(tx, v.certificate, key);
        await move(tx, ctx, scrappedVehicleWorkflow, {
          id,
          action: 'issueCertificate',
          from: 'received',
          organizationId: orgId,
          note,
          set: { certificate_number: v.certificate, certificate_issued_on: certified },
          params: { number: v.certificate, issuedOn: certified },
        });
      }
      if (dismantled) {
        await move(tx, ctx, scrappedVehicleWorkflow, {
          id,
          action: 'dismantle',
          from: 'certificate_issued',
          organizationId: orgId,
          note,
          set: { dismantled_on: dismantled },
        });
        await tx
          .insertInto('recycling_scrapped_vehicle_assemblies')
          .values(
            VEHICLE_ASSEMBLIES.map((assembly) => {
              const reman = assembly === 'engine' || assembly === 'transmission';
              return {
                dismantler_organization_id: orgId,
                vehicle_id: id,
                assembly,
                destination: reman ? ('remanufacture' as const) : ('scrap_destroyed' as const),
                recipient: reman ? '晋江示范再制造有限公司（演示）' : null,
                on_date: addDays(dismantled, 1),
              };
            }),
          )
          .execute();
      }
      if (deregistered)
        await move(tx, ctx, scrappedVehicleWorkflow, {
          id,
          action: 'deregister',
          from: 'dismantled',
          organizationId: orgId,
          note,
          set: { deregistered_on: deregistered },
        });
    }
  });
}
