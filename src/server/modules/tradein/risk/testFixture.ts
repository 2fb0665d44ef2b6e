/**
 * A trade-in world for the risk and settlement tests: an appliance programme with open releases, merchants with
 * catalogues, residents with mobile numbers who claim and buy. Not imported by the application.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { insertUser } from '../../platform/users/service.js';
import { computeInvoiceNumber } from '../redemptions/testInvoices.js';
import { createSignedInResidents } from '../testing/residents.js';
import type { RiskRuleCode } from '../tables.js';
import { RISK_RULE_CODES } from './rules.js';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

export interface Shop {
  client: TestClient;
  organizationId: number;
  merchantId: number;
  storeIds: number[];
  products: { fridge: number; tv: number; washer: number; ac: number };
}

export interface Resident {
  userId: number;
  mobile: string;
  client: TestClient;
}

export interface TradeinWorld {
  t: TestApp;
  commerce: TestClient;
  finance: TestClient;
  office: TestClient;
  auditor: TestClient;
  applianceId: number;
  towns: { id: number; name: string }[];
  shops: Shop[];
  /** A resident with the given mobile number, signed in. */
  resident(mobile: string): Promise<Resident>;
  /** Claims a voucher for the category, sending `X-Device-Id` when given. */
  claim(r: Resident, category: string, deviceId?: string): Promise<{ code: string; id: number }>;
  /** Rings up a sale at a shop; returns the raw response. */
  sell(
    shop: Shop,
    voucherCode: string,
    productId: number,
    price: number,
    extra?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Claims and sells in one go, expecting success; returns the redemption view. */
  buy(
    shop: Shop,
    r: Resident,
    category: 'refrigerator' | 'television' | 'washing_machine' | 'air_conditioner',
    price: number,
    extra?: Record<string, unknown>,
    deviceId?: string,
  ): Promise<{ id: number; status: string; subsidy: number; channel: string; fulfilmentStatus: string | null }>;
  /** Opens a new release of every category around the test clock's now (after the clock jumped), as `manager`. */
  reopenPools(manager: TestClient): Promise<void>;
  /** Uploads a photo as the shop (a minimal JPEG) and returns its attachment id. */
  photo(shop: Shop): Promise<number>;
  /** Records the installation of a sale (air conditioners): the installer's name and a photo; the sale becomes settleable. */
  install(shop: Shop, redemptionId: number): Promise<void>;
  /** Moves a sale (and its fulfilment) back to `at`, as if it had been made, delivered and installed then. */
  backdate(redemptionId: number, at: string): Promise<void>;
  setRule(code: RiskRuleCode, change: { enabled?: boolean; action?: 'review' | 'hold'; score?: number; params?: Record<string, number> }): Promise<void>;
  disableAllRules(): Promise<void>;
}

function clientFor(t: TestApp, cookie: string, csrf: string): TestClient {
  const request = (opts: InjectOptions) => t.app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    cookie,
    csrf,
    request,
    get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: (url, body, headers) =>
      request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }), ...(headers ? { headers } : {}) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

const REFERENCE = { fridge: 400_000, tv: 300_000, washer: 200_000, ac: 300_000 };
export const REFERENCE_PRICES = REFERENCE;

let invoiceSeq = 1;
let serialSeq = 1;

export async function createTradeinWorld(shopCount = 2): Promise<TradeinWorld> {
  const t = await createTestApp();
  const commerce = await t.login('demo_department');
  const finance = await t.login('demo_finance');
  const office = await t.login('demo_office');
  const auditor = await t.login('demo_auditor');
  const programs = (await commerce.get('/api/tradein/programs')).json() as { id: number; code: string }[];
  const applianceId = programs.find((p) => p.code === 'appliance-national-2025')!.id;
  const towns = (await t.anonymous.get('/api/towns')).json() as { id: number; name: string }[];
  const db = t.deps.database.db;

  const pools: Record<string, number> = {};
  for (const category of ['refrigerator', 'television', 'washing_machine', 'air_conditioner']) {
    const res = await commerce.post(`/api/tradein/programs/${applianceId}/pools`, { category, quota: 5000, opensAt: inHours(-1), closesAt: inHours(6) });
    expect(res.statusCode).toBe(201);
    pools[category] = res.json().id;
  }

  const shops: Shop[] = [];
  for (let i = 0; i < shopCount; i++) {
    let client: TestClient;
    if (i === 0) {
      client = await t.login('demo_merchant');
    } else {
      await inTransaction(t.deps.database, async (tx) => {
        const now = nowIso();
        const org = await tx
          .insertInto('organizations')
          .values({
            code: `ent-test-shop-${i}`,
            name: `测试家电商场${i}`,
            kind: 'enterprise',
            status: 'active',
            division_code: '350582',
            credit_code: null,
            town_id: towns[i % towns.length]!.id,
            address: null,
            contact_name: null,
            contact_mobile_enc: null,
            contact_mobile_mask: null,
            review_note: null,
            reviewed_by: null,
            reviewed_at: now,
            is_demo: 1,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertUser(tx, t.deps, {
          username: `shop_${i}`,
          displayName: `店员${i}`,
          role: 'merchant',
          organizationId: Number(org.id),
          password: DEMO_PASSWORD,
          mustChangePassword: false,
        });
      });
      client = await t.login(`shop_${i}`);
    }
    const applied = await client.post('/api/tradein/merchants', {
      programId: applianceId,
      categories: ['refrigerator', 'television', 'washing_machine', 'air_conditioner'],
      stores: [
        { name: `门店${i}-A`, townId: towns[i % towns.length]!.id, address: `晋江市示范路${i}号` },
        { name: `门店${i}-B`, townId: towns[(i + 1) % towns.length]!.id, address: `晋江市示范路${i}0号` },
      ],
      bankName: '中国工商银行晋江支行',
      accountName: `测试商户${i}`,
      bankAccount: `62220202001122334${40 + i}`,
    });
    expect(applied.statusCode).toBe(201);
    const merchant = applied.json();
    expect((await commerce.post(`/api/tradein/merchants/${merchant.id}/approve`, {})).statusCode).toBe(200);
    const products = {} as Shop['products'];
    for (const [key, body] of Object.entries({
      fridge: { category: 'refrigerator', brand: '海尔', model: `BCD-${i}`, efficiencyGrade: 1, referencePriceFen: REFERENCE.fridge },
      tv: { category: 'television', brand: 'TCL', model: `Q-${i}`, efficiencyGrade: 1, referencePriceFen: REFERENCE.tv },
      washer: { category: 'washing_machine', brand: '小天鹅', model: `W-${i}`, efficiencyGrade: 1, referencePriceFen: REFERENCE.washer },
      ac: { category: 'air_conditioner', brand: '格力', model: `KFR-${i}`, efficiencyGrade: 1, referencePriceFen: REFERENCE.ac },
    })) {
      const res = await client.post('/api/tradein/products', body);
      expect(res.statusCode).toBe(201);
      products[key as keyof Shop['products']] = res.json().id;
    }
    shops.push({
      client,
      organizationId: merchant.organizationId,
      merchantId: merchant.id,
      storeIds: merchant.stores.map((s: { id: number }) => s.id),
      products,
    });
  }

  const world: TradeinWorld = {
    t,
    commerce,
    finance,
    office,
    auditor,
    applianceId,
    towns,
    shops,
    async resident(mobile) {
      const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
      await db
        .updateTable('users')
        .set({ mobile_enc: t.deps.sealer.seal(mobile), mobile_hash: t.deps.sealer.lookup(mobile), mobile_mask: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` })
        .where('id', '=', r!.userId)
        .execute();
      return { userId: r!.userId, mobile, client: clientFor(t, r!.cookie, r!.csrf) };
    },
    async claim(r, category, deviceId) {
      const res = await r.client.post(`/api/tradein/pools/${pools[category]}/claims`, undefined, deviceId ? { 'x-device-id': deviceId } : undefined);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().voucher;
    },
    sell(shop, voucherCode, productId, price, extra = {}, headers) {
      return shop.client.post(
        '/api/tradein/redemptions',
        {
          voucherCode,
          productId,
          price,
          serialNumber: `SN-RISK-${String(serialSeq++).padStart(6, '0')}`,
          invoiceNumber: computeInvoiceNumber(invoiceSeq++),
          ...extra,
        },
        headers,
      );
    },
    async buy(shop, r, category, price, extra = {}, deviceId) {
      const v = await world.claim(r, category, deviceId);
      const product = {
        refrigerator: shop.products.fridge,
        television: shop.products.tv,
        washing_machine: shop.products.washer,
        air_conditioner: shop.products.ac,
      }[category];
      const res = await world.sell(shop, v.code, product, price, extra);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    async reopenPools(manager) {
      for (const category of Object.keys(pools)) {
        const res = await manager.post(`/api/tradein/programs/${applianceId}/pools`, { category, quota: 5000, opensAt: inHours(-1), closesAt: inHours(6) });
        expect(res.statusCode, res.body).toBe(201);
        pools[category] = res.json().id;
      }
    },
    async photo(shop) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])]), '安装照片.jpg');
      const res = await shop.client.request({ method: 'POST', url: '/api/attachments', payload: form as never });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    },
    async install(shop, redemptionId) {
      const attachmentId = await world.photo(shop);
      const res = await shop.client.post(`/api/tradein/fulfilments/${redemptionId}/install`, { installerName: '安装师傅', attachmentId });
      expect(res.statusCode, res.body).toBe(200);
    },
    async backdate(redemptionId, at) {
      await db.updateTable('tradein_redemptions').set({ created_at: at }).where('id', '=', redemptionId).execute();
      const f = await db.selectFrom('tradein_fulfilments').selectAll().where('redemption_id', '=', redemptionId).executeTakeFirstOrThrow();
      await db
        .updateTable('tradein_fulfilments')
        .set({
          created_at: at,
          settleable_at: f.settleable_at === null ? null : at,
          delivered_at: f.delivered_at === null ? null : at,
          installed_at: f.installed_at === null ? null : at,
        })
        .where('redemption_id', '=', redemptionId)
        .execute();
    },
    async setRule(code, change) {
      const current = (
        (await commerce.get('/api/tradein/risk/rules')).json() as {
          code: string;
          enabled: boolean;
          action: 'review' | 'hold';
          score: number;
          params: Record<string, number>;
        }[]
      ).find((r) => r.code === code)!;
      const res = await commerce.put(`/api/tradein/risk/rules/${code}`, {
        enabled: change.enabled ?? current.enabled,
        action: change.action ?? current.action,
        score: change.score ?? current.score,
        params: { ...current.params, ...(change.params ?? {}) },
        note: '测试调整阈值',
      });
      expect(res.statusCode, res.body).toBe(200);
    },
    async disableAllRules() {
      for (const code of RISK_RULE_CODES) await world.setRule(code, { enabled: false });
    },
  };
  return world;
}
