import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, shanghaiDate } from '../helpers/clock.js';
import { insertOperatingSite } from '../../src/server/modules/recycling/inspections/testing.js';
import {
  DESKTOP,
  PHONE,
  animationsDone,
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
 * Supervision on the spot: 市商务局's inspector records an inspection of a recycling station on a 375 px phone —
 * the checklist with one failed item, a photo, "rectify by" a date — the operator reports what was done with its
 * photo, and the inspector accepts it, which closes the rectification.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const SITE = '青阳测试回收站（浏览器测试）';
// A whole 1×1 PNG, so the photos show as images in the screenshots.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const db = server.deps.database.db;
  const town = Number((await db.selectFrom('organizations').select('id').where('code', '=', 'town-01').executeTakeFirstOrThrow()).id);
  const operator = Number(
    (await db.selectFrom('users').select('organization_id').where('username', '=', 'demo_recycler').executeTakeFirstOrThrow()).organization_id,
  );
  await insertOperatingSite(server.deps, {
    code: 'RS-BROWSER-1',
    name: SITE,
    townId: town,
    operatorOrganizationId: operator,
    since: addDays(shanghaiDate(), -30),
  });
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

describe('recycling inspections in the browser', () => {
  it('an inspector records a rectify inspection on a phone; the operator reports; the inspector accepts', async () => {
    const inspector = await openSession(browser, server.baseUrl, PHONE);
    sessions.push(inspector);
    const p = inspector.page;
    await login(p, 'demo_department');
    await p.goto('/recycling/inspect');
    await p.getByTestId('page-recycling-inspect').waitFor();
    await pickOption(p, 'inspect-site', SITE, '青阳测试');
    const items = await p.locator('[data-testid^="inspect-item-"][data-testid$="-ok"]').all();
    expect(items.length).toBeGreaterThan(4);
    for (const item of items) await item.click();
    await p.getByTestId('inspect-item-fire_extinguishers-not_ok').click();
    await p.getByTestId('inspect-item-fire_extinguishers-note').fill('灭火器已过期');
    await p.getByTestId('inspect-findings').fill('灭火器过期，需更换');
    await p.getByTestId('inspect-photos').locator('input[type=file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await waitForText(p, 'inspect-photos', '现场.png');
    await p.getByTestId('inspect-result-rectify').click();
    // Without the date the server says what is missing, under the field.
    await p.getByTestId('inspect-submit').click();
    await waitForText(p, 'page-recycling-inspect', '必须填写整改期限');
    const due = addDays(shanghaiDate(), 7);
    await p.getByTestId('inspect-rectify-by').fill(due);
    const noHorizontalScroll = await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(noHorizontalScroll).toBe(true);
    await screenshot(p, 'recycling-inspect-phone', { fullPage: true });
    await p.getByTestId('inspect-submit').click();
    await p.getByTestId('inspection-detail').waitFor();
    await waitForText(p, 'inspection-result', '限期整改');
    await waitForText(p, 'rectification-panel', '待整改');
    const id = Number(new URL(p.url()).searchParams.get('open'));
    expect(id).toBeGreaterThan(0);
    await animationsDone(p);
    await screenshot(p, 'recycling-inspection-detail-phone');

    // ── The operator reports what was done ─────────────────────────────────────
    const operator = await openSession(browser, server.baseUrl, DESKTOP);
    sessions.push(operator);
    const o = operator.page;
    await login(o, 'demo_recycler');
    await o.goto(`/recycling/inspections?open=${id}`);
    await o.getByTestId('rectification-panel').waitFor();
    await o.getByTestId('rectification-report').fill('已更换全部灭火器并登记检验日期');
    await o.getByTestId('rectification-upload').locator('input[type=file]').setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: PNG });
    await waitForText(o, 'rectification-upload', '整改后.png');
    await o.getByTestId('rectification-submit').click();
    await waitForText(o, 'rectification-panel', '待核查');
    await settle(o);
    await screenshot(o, 'recycling-rectification-submitted');

    // ── The inspector accepts: closed ──────────────────────────────────────────
    await p.goto(`/recycling/inspections?open=${id}`);
    await waitForText(p, 'rectification-note', '已更换全部灭火器');
    await p.getByTestId('rectification-accept').click();
    await waitForText(p, 'rectification-panel', '已销号');
    await settle(p);
    await screenshot(p, 'recycling-rectification-closed-phone');
    const view = (await (await p.request.get(`/api/recycling/inspections/${id}`)).json()) as {
      rectification: { status: string; timeline: { action: string }[] };
    };
    expect(view.rectification.status).toBe('closed');
    expect(view.rectification.timeline.map((e) => e.action)).toEqual(['open', 'submit', 'accept']);
  });
});
