import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ledgersModule } from '../../src/server/modules/ledgers/index.js';
import { DESKTOP, PHONE, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * The ledger pages on the shipped kinds and their demo assets: the kinds list for the office (desktop and phone)
 * and a town, the elevators ledger's assets, one asset and its overview, and the buses definition as the auditor
 * reads it (read-only); one visit in English. Each page shows its content, without script errors, and on a phone
 * without sideways scrolling.
 */
let server: TestServer;
let browser: Browser;
const ids = { elevators: 0, buses: 0, asset: 0, townAsset: 0 };

beforeAll(async () => {
  server = await startServer();
  // The harness seeds accounts (and the shipped kinds, reference data) only: the demo assets on top.
  await ledgersModule.seed!.demo!(server.deps);
  const db = server.deps.database.db;
  const kinds = await db.selectFrom('ledger_kinds').select(['id', 'code']).where('code', 'in', ['elevators', 'buses']).execute();
  for (const k of kinds) ids[k.code as 'elevators' | 'buses'] = Number(k.id);
  const asset = await db.selectFrom('ledger_assets').select('id').where('kind_id', '=', ids.elevators).orderBy('id').executeTakeFirstOrThrow();
  ids.asset = Number(asset.id);
  const town = await db.selectFrom('organizations').select('id').where('name', '=', '青阳街道').executeTakeFirstOrThrow();
  const townAsset = await db
    .selectFrom('ledger_assets')
    .select('id')
    .where('kind_id', '=', ids.elevators)
    .where('town_id', '=', Number(town.id))
    .orderBy('id')
    .executeTakeFirst();
  ids.townAsset = townAsset ? Number(townAsset.id) : 0;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

interface Visit {
  user: string;
  path: () => string;
  label: string;
  testId: string;
  /** Something the page shows once its data is in. */
  content?: string;
  shot: string;
  viewport?: { width: number; height: number };
  locale?: 'en';
  docs?: boolean;
}

const VISITS: Visit[] = [
  {
    user: 'demo_office',
    label: '/ledgers',
    path: () => '/ledgers',
    testId: 'page-ledger-kinds',
    content: 'ledger-kind-elevators',
    shot: 'ledgers-kinds',
    docs: true,
  },
  {
    user: 'demo_office',
    label: '/ledgers',
    path: () => '/ledgers',
    testId: 'page-ledger-kinds',
    content: 'ledger-kind-elevators',
    shot: 'ledgers-kinds-phone',
    viewport: PHONE,
  },
  { user: 'demo_town', label: '/ledgers', path: () => '/ledgers', testId: 'page-ledger-kinds', content: 'ledger-kind-elevators', shot: 'ledgers-kinds-town' },
  {
    user: 'demo_office',
    label: 'the elevators assets',
    path: () => `/ledgers/kinds/${ids.elevators}/assets`,
    testId: 'page-ledger-assets',
    content: `ledger-asset-row-${0}`,
    shot: 'ledgers-elevators-assets',
  },
  {
    user: 'demo_town',
    label: 'the elevators assets',
    path: () => `/ledgers/kinds/${ids.elevators}/assets`,
    testId: 'page-ledger-assets',
    content: `ledger-asset-row-${0}`,
    shot: 'ledgers-elevators-assets-town-phone',
    viewport: PHONE,
  },
  {
    user: 'demo_office',
    label: 'an elevator',
    path: () => `/ledgers/assets/${ids.asset}`,
    testId: 'page-ledger-asset',
    content: 'asset-values',
    shot: 'ledgers-elevator',
  },
  {
    user: 'demo_town',
    label: 'an elevator of 青阳街道',
    path: () => `/ledgers/assets/${ids.townAsset}`,
    testId: 'page-ledger-asset',
    content: 'asset-values',
    shot: 'ledgers-elevator-town-phone',
    viewport: PHONE,
  },
  {
    user: 'demo_office',
    label: 'the elevators overview',
    path: () => `/ledgers/kinds/${ids.elevators}/overview`,
    testId: 'ledger-overview',
    content: 'ledger-overview-metrics',
    shot: 'ledgers-elevators-overview',
  },
  {
    user: 'demo_office',
    label: 'the elevators overview',
    path: () => `/ledgers/kinds/${ids.elevators}/overview`,
    testId: 'ledger-overview',
    content: 'ledger-overview-metrics',
    shot: 'ledgers-elevators-overview-phone',
    viewport: PHONE,
  },
  {
    user: 'demo_auditor',
    label: 'the buses definition',
    path: () => `/ledgers/kinds/${ids.buses}/definition`,
    testId: 'page-ledger-kind-editor',
    content: 'kind-read-only',
    shot: 'ledgers-buses-definition-auditor',
  },
  {
    user: 'demo_auditor',
    label: 'the buses definition',
    path: () => `/ledgers/kinds/${ids.buses}/definition`,
    testId: 'page-ledger-kind-editor',
    content: 'kind-read-only',
    shot: 'ledgers-buses-definition-auditor-phone',
    viewport: PHONE,
  },
  {
    user: 'demo_office',
    label: 'the elevators assets',
    path: () => `/ledgers/kinds/${ids.elevators}/assets`,
    testId: 'page-ledger-assets',
    content: `ledger-asset-row-${0}`,
    shot: 'ledgers-elevators-assets-en',
    locale: 'en',
  },
];

describe('the ledger pages on the shipped kinds and their demo assets', () => {
  for (const v of VISITS) {
    it(`${v.user} opens ${v.label}${v.viewport === PHONE ? ' on a phone' : ''}${v.locale ? ` in ${v.locale}` : ''}`, async () => {
      const { context, page, errors } = await openSession(browser, server.baseUrl, v.viewport ?? DESKTOP);
      try {
        await login(page, v.user);
        if (v.locale === 'en') await page.getByTestId('lang-en').click();
        expect(v.path()).not.toMatch(/\/0(\/|$)/);
        await page.goto(v.path());
        await page.getByTestId(v.testId).waitFor();
        await settle(page);
        expect(await page.getByTestId('page-error').count()).toBe(0);
        expect(await page.getByTestId('page-forbidden').count()).toBe(0);
        if (v.content?.startsWith('ledger-asset-row-')) await page.locator('[data-testid^="ledger-asset-row-"]').first().waitFor();
        else if (v.content) await page.getByTestId(v.content).first().waitFor();
        await settle(page);
        if (v.locale === 'en') expect(await page.getByTestId(v.testId).textContent()).toMatch(/In service|Status/);
        if (v.viewport === PHONE) expect(await overflow(page)).toBeLessThanOrEqual(1);
        await screenshot(page, v.shot, { fullPage: true, ...(v.docs ? { docs: true } : {}) });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
