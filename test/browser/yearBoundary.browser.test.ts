import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { inTransaction } from '../../src/server/db/database.js';
import { DEFAULT_PROGRAMS } from '../../src/server/modules/tradein/programs/defaults.js';
import { insertProgram } from '../../src/server/modules/tradein/programs/service.js';
import { addDays, shanghaiDate } from '../helpers/clock.js';
import { DESKTOP, PHONE, launchBrowser, login, openSession, screenshot, settle, startServer, type Session, type TestServer } from './harness.js';

/**
 * A programme about to end, as its managers meet it in the browser: the home page warns a month before with the
 * date and what is left, the programmes page tags it, and 市商务局 rolls it over into a draft for the next window.
 * The programme's window is counted from today (Shanghai), so it is ending whatever day the test runs.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];
const TODAY = shanghaiDate();
const LAST_DAY = addDays(TODAY, 10);
const CODE = 'appliance-ending-soon';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const model = DEFAULT_PROGRAMS.find((p) => p.kind === 'appliance' && !p.isExample)!;
  await inTransaction(server.deps.database, (tx) =>
    insertProgram(
      tx,
      {
        code: CODE,
        name: '家电以旧换新补贴（即将结束）',
        kind: 'appliance',
        status: 'active',
        validFrom: addDays(TODAY, -300),
        validTo: LAST_DAY,
        budget: { centralFen: 10_000_000, provincialFen: 1_000_000, cityFen: 1_000_000 },
        voucherValidDays: 7,
        releaseTime: '10:00',
        rounding: 'half_up',
        isExample: false,
        categories: model.categories.slice(0, 2),
      },
      null,
    ),
  );
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function signedIn(username: string, viewport = DESKTOP): Promise<Session> {
  const s = await openSession(browser, server.baseUrl, viewport);
  sessions.push(s);
  await login(s.page, username);
  return s;
}

describe('a programme at the end of its window', () => {
  it('warns 市商务局 on the home page, on a desktop and on a phone, and not a merchant', async () => {
    const { page, errors } = await signedIn('demo_department');
    await page.goto('/');
    const notices = page.getByTestId('home-notices');
    await notices.waitFor();
    await expect.poll(() => notices.innerText()).toContain(`家电以旧换新补贴（即将结束）”将于 ${LAST_DAY} 结束（还剩 10 天）`);
    await screenshot(page, 'home-programme-ending', { docs: true });
    expect(errors).toEqual([]);

    const phone = await signedIn('demo_department', PHONE);
    await phone.page.goto('/');
    await phone.page.getByTestId('home-notices').waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'home-programme-ending-phone', { fullPage: true });

    const merchant = await signedIn('demo_merchant');
    await merchant.page.goto('/');
    await merchant.page.getByTestId('page-home').waitFor();
    await settle(merchant.page);
    expect(await merchant.page.getByText('即将结束').count()).toBe(0);
  });

  it('is tagged on the programmes page and rolled over into a draft for the next window', async () => {
    const { page, errors } = await signedIn('demo_department');
    await page.goto('/tradein/programs');
    await page.getByTestId(`program-${CODE}`).waitFor();
    await settle(page);
    expect(await page.getByTestId(`window-${CODE}`).innerText()).toContain('还剩 10 天');

    await page.getByTestId(`program-rollover-${CODE}`).click();
    const form = page.getByTestId('rollover-form');
    await form.waitFor();
    // The next window starts the day after the last one; the code is taken as it is, so give the next one's.
    expect(await page.getByTestId('rollover-valid-from').inputValue()).toBe(addDays(LAST_DAY, 1));
    await page.getByTestId('rollover-code').fill(`${CODE}-next`);
    await page.getByTestId('rollover-name').fill('家电以旧换新补贴（下一期）');
    await screenshot(page, 'tradein-rollover', { docs: true });
    await page.getByTestId('rollover-submit').click();
    await page.getByTestId(`program-${CODE}-next`).waitFor();
    await settle(page);
    expect(await page.getByTestId(`program-${CODE}-next`).innerText()).toContain('草稿');

    // The draft holds the old programme's categories and rules, and the old programme is unchanged.
    const programs = await server.deps.database.db
      .selectFrom('tradein_programs')
      .select(['code', 'status', 'valid_from', 'valid_to', 'rolled_over_from_id'])
      .where('code', 'like', `${CODE}%`)
      .orderBy('id')
      .execute();
    expect(programs.map((p) => [p.code, p.status, p.valid_from, p.valid_to, p.rolled_over_from_id === null])).toEqual([
      [CODE, 'active', addDays(TODAY, -300), LAST_DAY, true],
      [`${CODE}-next`, 'draft', addDays(LAST_DAY, 1), addDays(LAST_DAY, 365), false],
    ]);
    expect(errors).toEqual([]);
  });
});
