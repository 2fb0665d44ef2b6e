import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemContext } from '../../src/server/core/context.js';
import { registerResident } from '../../src/server/modules/platform/auth/authService.js';
import { seedSitesDemo } from '../../src/server/modules/recycling/sites/seed.js';
import { computeCitizenIdCheckChar } from '../../src/shared/validators/citizenId.js';
import { seedTradeinDemo } from '../../src/server/modules/tradein/programs/demo.js';
import {
  DEMO_RESIDENT,
  PHONE,
  launchBrowser,
  login,
  openSession,
  pickOption,
  screenshot,
  settle,
  startServer,
  waitForText,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * The recycling loop in the browser: a resident books the pickup of an old fridge on a 375 px phone; the demo
 * recycler, which runs a station in that town, accepts and completes it, issuing a certificate; the resident sees
 * the certificate; a merchant's trade-in sale cites it as the proof the old fridge was handed in, and a second sale
 * citing it is refused at the till; the plan's figure of appliances recycled (A3-S-03) moves.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const SECOND_ID = '35058219930404123';

beforeAll(async () => {
  server = await startServer();
  // The demo programmes (the demo merchant approved, a fridge on its catalogue) and the demo recycling sites (the
  // demo recycler runs a station in 青阳街道): the harness seeds accounts only.
  await seedTradeinDemo(server.deps);
  await seedSitesDemo(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, viewport = { width: 1366, height: 800 }, password?: string): Promise<Session> {
  const s = await openSession(browser, server.baseUrl, viewport);
  sessions.push(s);
  await login(s.page, username, password);
  return s;
}

/** A `datetime-local` value in Shanghai time, `hours` from now. */
function shanghaiLocal(hours: number): string {
  return new Date(Date.now() + hours * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16);
}

async function csrfOf(s: Session): Promise<string> {
  return (await s.context.cookies()).find((c) => c.name === 'hx_csrf')?.value ?? '';
}

async function post(s: Session, url: string, data: unknown = {}) {
  return s.page.request.post(url, { headers: { 'X-CSRF-Token': await csrfOf(s) }, data });
}

const APPLIANCES_INDICATOR = 'A3-S-03';

/** The city's growth of appliances recycled over 2023, as the office's dashboard shows it. */
async function applianceFigure(page: Page): Promise<string> {
  await page.goto(`/plan/dashboard?q=${APPLIANCES_INDICATOR}`);
  await page.getByTestId('indicator-table').waitFor();
  await settle(page);
  return ((await page.getByTestId(`actual-${APPLIANCES_INDICATOR}`).textContent()) ?? '').trim();
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('recycling: a pickup booked on a phone gives a certificate that proves one trade-in sale', () => {
  it('books, accepts, completes, and the certificate is cited once; the plan counts the fridge', async () => {
    // ── The office enters the 2023 baseline of appliances recycled (A3-S-03) once; the dashboard shows the figure ──
    const office = await signedIn('demo_office');
    const db = server.deps.database.db;
    const indicator = await db.selectFrom('indicators').select('id').where('code', '=', APPLIANCES_INDICATOR).executeTakeFirstOrThrow();
    const baseline = await office.page.request.patch(`/api/indicators/${indicator.id}`, {
      headers: { 'X-CSRF-Token': await csrfOf(office) },
      data: { baseline: { year: 2023, value: 2 }, note: '2023年全市废旧家电回收量（测试）' },
    });
    expect(baseline.status(), await baseline.text()).toBe(200);
    const figureBefore = await applianceFigure(office.page);

    // ── The resident books the pickup of an old fridge on a phone ─────────────────
    const resident = await signedIn(DEMO_RESIDENT.mobile, PHONE);
    const rp = resident.page;
    await rp.goto('/recycling/pickups/mine');
    await rp.getByTestId('book-pickup').waitFor();
    await pickOption(rp, 'item-category-0', '冰箱', '冰箱');
    await pickOption(rp, 'pickup-town', '青阳街道');
    await rp.getByTestId('pickup-address').fill('晋江市青阳街道测试路 8 号');
    await rp.getByTestId('pickup-from').fill(shanghaiLocal(3));
    await rp.getByTestId('pickup-to').fill(shanghaiLocal(5));
    await rp.getByTestId('pickup-submit').click();
    await rp.getByTestId('pickup-status-booked').waitFor();
    expect(await overflow(rp)).toBeLessThanOrEqual(0);
    await screenshot(rp, 'recycling-pickup-booked-phone', { fullPage: true, docs: true });

    // ── The recycler serving 青阳街道 accepts and completes it ──────────────────────
    const recycler = await signedIn('demo_recycler');
    const cp = recycler.page;
    await cp.goto('/recycling/pickups/recycler');
    await cp.getByTestId('recycler-pickups').waitFor();
    await cp.locator('[data-testid^="accept-"]').first().click();
    await cp.getByRole('tab').nth(1).click();
    await cp.locator('[data-testid^="complete-"]').first().click();
    await cp.getByTestId('complete-price').fill('20');
    await cp.getByTestId('complete-submit').click();
    const issued = (await cp.getByTestId('issued-numbers').textContent()) ?? '';
    const number = /RC-\d{8}-[A-Z0-9]{6}/.exec(issued)?.[0];
    expect(number, issued).toBeTruthy();
    await screenshot(cp, 'recycling-pickup-completed');

    // ── The resident sees the certificate ────────────────────────────────────────
    await rp.reload();
    await rp.getByTestId('my-certificate').first().waitFor();
    expect(await rp.getByTestId('my-certificate').first().textContent()).toContain(number!);

    // ── A trade-in sale cites it; a second sale citing it is refused ─────────────
    const program = await db
      .selectFrom('tradein_programs')
      .select('id')
      .where('code', 'like', 'demo-appliance-%')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const commerce = await signedIn('demo_department');
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const pool = await post(commerce, `/api/tradein/programs/${program.id}/pools`, {
      category: 'refrigerator',
      quota: 10,
      opensAt: inHours(-1),
      closesAt: inHours(1),
    });
    expect(pool.status(), await pool.text()).toBe(201);
    const claim = await post(resident, `/api/tradein/pools/${((await pool.json()) as { id: number }).id}/claims`);
    expect(claim.status(), await claim.text()).toBe(201);
    const voucherCode = ((await claim.json()) as { voucher: { code: string } }).voucher.code;
    const merchant = await signedIn('demo_merchant');
    const merchantOrg = await db.selectFrom('users').select('organization_id').where('username', '=', 'demo_merchant').executeTakeFirstOrThrow();
    const fridge = await db
      .selectFrom('tradein_products')
      .select(['model', 'reference_price_fen'])
      .where('organization_id', '=', Number(merchantOrg.organization_id))
      .where('category', '=', 'refrigerator')
      .executeTakeFirstOrThrow();
    // At the till: the merchant types the voucher and cites the certificate as the old fridge's proof.
    const mp = merchant.page;
    const sellAtTill = async (code: string) => {
      await mp.goto('/tradein/merchant/redeem');
      await mp.getByTestId('redeem-code').fill(code);
      await mp.getByTestId('redeem-lookup').click();
      await mp.getByTestId('redeem-form').waitFor();
      await pickOption(mp, 'redeem-product', fridge.model);
      await mp.getByTestId('redeem-serial').fill(`SN-${randomInt(1e9)}`);
      await mp.getByTestId('redeem-price').fill(String(Number(fridge.reference_price_fen) / 100));
      await mp.getByTestId('redeem-invoice').fill(`2435200000${String(randomInt(1e10)).padStart(10, '0')}`);
      await mp.getByTestId('redeem-old-item').fill(number!.toLowerCase());
      await mp.getByTestId('redeem-submit').click();
    };
    await sellAtTill(voucherCode);
    await mp.getByTestId('redeem-done').waitFor();
    const sold = await db
      .selectFrom('tradein_redemptions')
      .select(['old_item_proof_kind', 'old_item_proof_ref'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(sold).toEqual({ old_item_proof_kind: 'recycling', old_item_proof_ref: number });
    // Another resident's voucher, the same certificate: the proof is spent (a unique index, not a check in the process).
    await registerResident(server.deps, systemContext(), {
      mobile: '13900000009',
      realName: '测试居民',
      idNumber: SECOND_ID + computeCitizenIdCheckChar(SECOND_ID),
      password: 'Resident#Test2024',
    });
    const other = await signedIn('13900000009', PHONE, 'Resident#Test2024');
    const otherClaim = await post(other, `/api/tradein/pools/${((await pool.json()) as { id: number }).id}/claims`);
    expect(otherClaim.status(), await otherClaim.text()).toBe(201);
    await sellAtTill(((await otherClaim.json()) as { voucher: { code: string } }).voucher.code);
    await waitForText(mp, 'page-tradein-redeem', '一张证明只能使用一次');
    await screenshot(mp, 'recycling-certificate-spent-at-till');
    expect(await db.selectFrom('tradein_redemptions').select('id').where('old_item_proof_ref', '=', number!).execute()).toHaveLength(1);

    // ── The fridge handed in is one more appliance recycled this year: the plan's figure moves ──
    const figureAfter = await applianceFigure(office.page);
    expect(figureAfter).not.toBe(figureBefore);
    expect(Number.parseFloat(figureAfter.replace(/[^\d.-]/g, ''))).toBeGreaterThan(Number.parseFloat(figureBefore.replace(/[^\d.-]/g, '')));

    // The certificate check shows it used.
    const check = await merchant.page.request.get(`/api/recycling/certificates/${number}`);
    expect(((await check.json()) as { valid: boolean }).valid).toBe(false);
    await settle(rp);
  });
});
