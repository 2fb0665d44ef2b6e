/**
 * The recycling benchmark's data: a city's network of recyclers with operating stations, a year of pickups with
 * their certificates and of intake records at the sites, written in bulk (the API would spend the set-up on
 * scrypt and per-request work the benchmark is not about).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Config } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/core/deps.js';
import { inTransaction } from '../../src/server/db/database.js';
import { nowIso } from '../../src/server/db/time.js';
import { createSignedInUser, signIn, type SignedIn } from '../lib/accounts.js';
import { insertUser } from '../../src/server/modules/platform/users/service.js';
import { createSignedInResidents } from '../../src/server/modules/tradein/testing/residents.js';
import { newCertificateNumber } from '../../src/server/modules/recycling/certificates/number.js';
import { RECYCLING_APPLIANCE_CATEGORIES } from '../../src/shared/enums/recycling.js';
import { computeCitizenIdCheckChar, maskCitizenId } from '../../src/shared/validators/citizenId.js';
import { reverseInvoiceFigures } from '../../src/shared/reverseInvoice.js';
import { shanghaiDate } from '../../src/server/core/time.js';

export type { SignedIn };

export interface Recycler extends SignedIn {
  organizationId: number;
  userId: number;
  siteId: number;
}

const CHUNK = 400;

/** `count` recyclers, each an enterprise with one account and an operating station in one of the towns. */
export async function createRecyclers(deps: AppDeps, config: Config, count: number, tag: string): Promise<Recycler[]> {
  const db = deps.database.db;
  const towns = await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute();
  const out: Recycler[] = [];
  for (let i = 0; i < count; i++) {
    const townId = Number(towns[i % towns.length]!.id);
    const { orgId, userId, siteId } = await inTransaction(deps.database, async (tx) => {
      const now = nowIso();
      const org = await tx
        .insertInto('organizations')
        .values({
          code: `BENCH-${tag}-${i}`,
          name: `压测回收企业 ${i}`,
          kind: 'enterprise',
          status: 'active',
          division_code: null,
          credit_code: null,
          town_id: townId,
          address: null,
          contact_name: null,
          contact_mobile_enc: null,
          contact_mobile_mask: null,
          review_note: null,
          reviewed_by: null,
          reviewed_at: null,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const userId = await insertUser(tx, deps, {
        username: `bench_${tag}_rec${i}`,
        displayName: `压测回收员 ${i}`,
        role: 'recycler',
        organizationId: Number(org.id),
        password: `Bench#${randomBytes(8).toString('hex')}`,
        mustChangePassword: false,
      });
      const site = await tx
        .insertInto('recycling_sites')
        .values({
          code: `RS-BENCH-${tag}-${i}`,
          kind: 'station',
          name: `压测回收站 ${i}`,
          operator_organization_id: Number(org.id),
          town_id: townId,
          address: '压测地址',
          latitude: null,
          longitude: null,
          licence_number: null,
          licence_valid_to: null,
          fire_safety: 'compliant',
          standardisation: 'standardised',
          capacity_tonnes_per_day: 5,
          materials_json: '[]',
          opening_hours: null,
          contact_name: null,
          contact_phone: null,
          status: 'operating',
          origin: 'existing',
          completed_on: null,
          status_since: now.slice(0, 10),
          version: 1,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { orgId: Number(org.id), userId, siteId: Number(site.id) };
    });
    out.push({ organizationId: orgId, userId, siteId, ...(await signIn(deps, config, userId)) });
  }
  return out;
}

/** An account of the office (the certificate check's other caller besides merchants and 市商务局). */
export const createOfficeUser = (deps: AppDeps, config: Config, tag: string): Promise<SignedIn> =>
  createSignedInUser(deps, config, `bench_${tag}_office`, 'office', { kind: 'office' });

/**
 * `pickups` completed pickups over the past year, `perPickup` certificates each, spread over the recyclers and
 * their towns. Returns the certificate numbers, for the checks to ask about.
 */
export async function createCertificates(deps: AppDeps, config: Config, recyclers: readonly Recycler[], pickups: number, perPickup: number, tag: string) {
  const db = deps.database.db;
  const residents = await createSignedInResidents(deps.database, config, Math.min(2000, pickups), `bench${tag}c`);
  const sites = new Map(
    (await db.selectFrom('recycling_sites').select(['id', 'town_id']).where('code', 'like', `RS-BENCH-${tag}-%`).execute()).map((s) => [
      Number(s.id),
      Number(s.town_id),
    ]),
  );
  const numbers: string[] = [];
  const yearMs = 365 * 86_400_000;
  for (let start = 0; start < pickups; start += CHUNK) {
    const n = Math.min(CHUNK, pickups - start);
    const rows = Array.from({ length: n }, (_, i) => {
      const r = recyclers[(start + i) % recyclers.length]!;
      const at = new Date(Date.now() - randomInt(yearMs)).toISOString();
      const category = RECYCLING_APPLIANCE_CATEGORIES[randomInt(RECYCLING_APPLIANCE_CATEGORIES.length)]!;
      return { r, at, category, resident: residents[(start + i) % residents.length]!.userId };
    });
    const inserted = await db
      .insertInto('recycling_pickups')
      .values(
        rows.map(({ r, at, category, resident }) => ({
          resident_user_id: resident,
          route: 'standard' as const,
          items_json: JSON.stringify([{ category, count: perPickup }]),
          address: '压测地址',
          town_id: sites.get(r.siteId)!,
          window_from: at,
          window_to: new Date(Date.parse(at) + 2 * 3600_000).toISOString(),
          status: 'confirmed' as const,
          recycler_organization_id: r.organizationId,
          accepted_by: null,
          accepted_at: at,
          handed_items_json: JSON.stringify([{ category, count: perPickup }]),
          price_paid_fen: 2000,
          wipe_method: null,
          wipe_by: null,
          wiped_at: null,
          completed_by: null,
          completed_at: at,
          rating: 5,
          open_since: at,
          escalated_at: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute();
    const certs = inserted.flatMap((p, i) => {
      const { r, at, category, resident } = rows[i]!;
      return Array.from({ length: perPickup }, () => ({
        number: newCertificateNumber(new Date(at)),
        category,
        serial_number: null,
        issued_at: at,
        recycler_organization_id: r.organizationId,
        pickup_id: Number(p.id),
        resident_user_id: resident,
        created_at: at,
      }));
    });
    // A drawn number that exists already is simply not inserted (one in hundreds of millions a day); the numbers are
    // unique in recycling_certificate_numbers, as the service writes them.
    const issued = await db
      .insertInto('recycling_certificates')
      .values(certs)
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'number', 'resident_user_id'])
      .execute();
    const held = await db
      .insertInto('recycling_certificate_numbers')
      .values(issued.map((c) => ({ number: c.number, resident_user_id: Number(c.resident_user_id), certificate_id: Number(c.id) })))
      .onConflict((oc) => oc.column('number').doNothing())
      .returning('number')
      .execute();
    numbers.push(...held.map((c) => c.number));
  }
  return numbers;
}

/** A citizen ID number with a valid check character, from a running number (never a real person's). */
export function benchCitizenId(n: number): string {
  const first17 = `350582${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + computeCitizenIdCheckChar(first17);
}

/**
 * `count` intake records over the past year at the recyclers' stations: seven in ten bought from residents (with
 * their reverse invoices and the sellers' yearly totals, 20,000 distinct sellers), the rest from enterprises.
 */
export async function createIntakeHistory(deps: AppDeps, recyclers: readonly Recycler[], count: number): Promise<void> {
  const db = deps.database.db;
  const sites = new Map((await db.selectFrom('recycling_sites').select(['id', 'town_id']).execute()).map((s) => [Number(s.id), Number(s.town_id)]));
  const sellers = Array.from({ length: 20_000 }, (_, n) => {
    const id = benchCitizenId(n);
    return { enc: deps.sealer.seal(id), lookup: deps.sealer.lookup(id), mask: maskCitizenId(id) };
  });
  const totals = new Map<string, { total: number; count: number }>();
  const yearMs = 365 * 86_400_000;
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const rows = Array.from({ length: n }, (_, i) => {
      const r = recyclers[(start + i) % recyclers.length]!;
      const at = new Date(Date.now() - randomInt(yearMs));
      const individual = randomInt(10) < 7;
      const seller = individual ? sellers[randomInt(sellers.length)]! : null;
      return { r, at, seller, priceFen: 1000 + randomInt(20_000), takenInOn: shanghaiDate(at) };
    });
    const now = nowIso();
    const inserted = await db
      .insertInto('recycling_intake_records')
      .values(
        rows.map(({ r, seller, priceFen, takenInOn }) => ({
          site_id: r.siteId,
          recycler_organization_id: r.organizationId,
          town_id: sites.get(r.siteId)!,
          recorded_by: r.userId,
          material: 'paper' as const,
          appliance_category: null,
          source: seller ? ('individual' as const) : ('enterprise' as const),
          production_scrap: 0,
          weight_kg: 10 + randomInt(200),
          units: null,
          price_fen: priceFen,
          taken_in_on: takenInOn,
          seller_name: seller ? '压测居民' : '压测企业',
          seller_credit_code: seller ? null : BENCH_CREDIT_CODE,
          seller_id_enc: seller?.enc ?? null,
          seller_id_lookup: seller?.lookup ?? null,
          seller_id_mask: seller?.mask ?? null,
          seller_contact_name: null,
          seller_contact_phone_enc: null,
          seller_contact_phone_mask: null,
          keep_until: null,
          note: null,
          status: 'recorded' as const,
          voided_by: null,
          voided_at: null,
          void_reason: null,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    const invoices = inserted.flatMap((rec, i) => {
      const { r, seller, priceFen, takenInOn } = rows[i]!;
      if (!seller) return [];
      const f = reverseInvoiceFigures(priceFen, VAT_BP, INCOME_TAX_BP);
      const year = Number(takenInOn.slice(0, 4));
      const key = `${seller.lookup}:${year}`;
      const t = totals.get(key) ?? { total: 0, count: 0 };
      t.total += f.amountFen;
      t.count += 1;
      totals.set(key, t);
      return [
        {
          intake_id: Number(rec.id),
          recycler_organization_id: r.organizationId,
          seller_name: '压测居民',
          seller_id_enc: seller.enc,
          seller_id_lookup: seller.lookup,
          seller_id_mask: seller.mask,
          issued_on: takenInOn,
          month: takenInOn.slice(0, 7),
          year,
          price_fen: priceFen,
          amount_fen: f.amountFen,
          vat_fen: f.vatFen,
          income_tax_fen: f.incomeTaxFen,
          net_paid_fen: f.netPaidFen,
          vat_rate_bp: VAT_BP,
          income_tax_rate_bp: INCOME_TAX_BP,
          annual_limit_fen: 500_000_000,
          year_total_fen: t.total,
          status: 'issued' as const,
          voided_at: null,
          created_at: now,
        },
      ];
    });
    if (invoices.length) await db.insertInto('recycling_reverse_invoices').values(invoices).execute();
  }
  const now = nowIso();
  const entries = [...totals];
  for (let start = 0; start < entries.length; start += CHUNK)
    await db
      .insertInto('recycling_reverse_invoice_totals')
      .values(
        entries.slice(start, start + CHUNK).map(([key, t]) => {
          const [lookup, year] = key.split(':');
          return { seller_id_lookup: lookup!, year: Number(year), total_fen: t.total, invoice_count: t.count, updated_at: now };
        }),
      )
      .execute();
}

// The defaults (1% VAT, 0.5% income tax): the history only has to look like a year of filings.
const VAT_BP = 100;
const INCOME_TAX_BP = 50;
const BENCH_CREDIT_CODE = `91350582MA2${'Y'.repeat(6)}`;
