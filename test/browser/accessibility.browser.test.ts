import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/shared/roles.js';
import { NAVIGATION } from '../../src/web/navigation.js';
import { mayUse } from '../../src/web/layout/navigation.js';
import { recordEvidence } from '../helpers/evidence.js';
import { PHONE, WAIT_MS, animationsDone, launchBrowser, login, openSession, settle, startServer, type TestServer } from './harness.js';
import { horizontalOverflow, seriousViolations, type Finding, type Overflow } from './axe.js';
import { DEMO_ACCOUNT_OF_ROLE } from '../helpers/accounts.js';

/**
 * Accessibility of every page (等保 asks it of a public service, and so does GB/T 37668): axe-core over each page
 * each demo role can open — taken from the app's own navigation, so a new page is checked the day it is listed —
 * and the public pages, on a desktop (1366×900) and a 375 px phone. No serious or critical violation anywhere,
 * and nothing wider than the phone's screen outside a scroll container. Demo data of every module is seeded so
 * lists have rows (row checkboxes, tags, links) rather than empty states.
 */
let server: TestServer;
let browser: Browser;

const DESKTOP_900 = { width: 1366, height: 900 };
const VIEWPORTS = [
  { name: 'desktop', size: DESKTOP_900 },
  { name: 'phone', size: PHONE },
] as const;

const ACCOUNTS = DEMO_ACCOUNT_OF_ROLE;

/** The pages one opens without signing in (the router's public routes, src/web/App.tsx). */
const PUBLIC_PATHS = ['/login', '/register/resident', '/register/enterprise', '/stores', '/events', '/recycling-sites', '/credit-disclosure'];

/** Every page of the navigation a role may open; paths with a parameter (a record's page) are left out. */
function pathsFor(role: Role): string[] {
  return [...new Set(NAVIGATION.items.filter((i) => mayUse(role, i) && !i.path.includes('/:')).map((i) => i.path))];
}

interface Visit {
  who: string;
  viewport: string;
  path: string;
  findings: Finding[];
  overflow?: Overflow;
  /** The page did not come up (an error page, a crash): reported like a violation. */
  failure?: string;
}
const visits: Visit[] = [];

beforeAll(async () => {
  server = await startServer();
  // The harness seeds accounts only; every module's demo data on top, as `serve` does, so lists have rows.
  for (const m of server.deps.modules) await m.seed?.demo?.(server.deps);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a path inside the running app (the router follows history), so the document and axe stay loaded. */
async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction((p) => window.location.pathname === p || p === '/tradein/managers', path);
  await waitForPage(page);
}

/** Waits until the lazy page is in and its data has arrived (no spinner, twice, a moment apart). */
async function waitForPage(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.hx-page-loading, [data-testid="app-loading"]'), undefined, { timeout: WAIT_MS });
  await settle(page);
  await page.waitForTimeout(250);
  await settle(page);
  // A button that turns enabled when its data arrives fades in: axe would read the colours half-way.
  await animationsDone(page);
}

async function check(page: Page, visit: Omit<Visit, 'findings'>, phone: boolean): Promise<void> {
  const crashed = await page.evaluate(() =>
    Boolean(document.querySelector('[data-testid="page-error"], [data-testid="page-forbidden"], [data-testid="page-not-found"]')),
  );
  let findings = await seriousViolations(page);
  if (findings.length > 0) {
    // A control whose state follows data that arrived after the waits (a button enabled once the unread count is in)
    // can be read mid-fade under load; a real violation is still there a moment later.
    await page.waitForTimeout(750);
    await animationsDone(page);
    findings = await seriousViolations(page);
  }
  const overflow = phone ? await horizontalOverflow(page) : undefined;
  visits.push({ ...visit, findings, overflow, failure: crashed ? 'error or forbidden page shown' : visit.failure });
}

function overflowing(v: Visit): boolean {
  return !!v.overflow && (v.overflow.pageOverflow > 1 || v.overflow.offenders.length > 0);
}

describe('axe-core and phone overflow over every page', () => {
  // The two viewports of a role run side by side (one context each): the wait for data dominates, not the CPU.
  it('public pages, desktop and phone', async () => {
    await Promise.all(
      VIEWPORTS.map(async ({ name, size }) => {
        const { context, page } = await openSession(browser, server.baseUrl, size);
        try {
          for (const path of PUBLIC_PATHS) {
            await page.goto(path);
            await waitForPage(page);
            await check(page, { who: 'anonymous', viewport: name, path }, name === 'phone');
          }
        } finally {
          await context.close();
        }
      }),
    );
  });

  for (const account of ACCOUNTS) {
    it(`${account.role} (${account.username}), desktop and phone`, { timeout: 600_000 }, async () => {
      await Promise.all(
        VIEWPORTS.map(async ({ name, size }) => {
          const { context, page } = await openSession(browser, server.baseUrl, size);
          try {
            await login(page, account.username);
            for (const path of pathsFor(account.role)) {
              let failure: string | undefined;
              try {
                await openInApp(page, path);
              } catch (e) {
                failure = `did not settle: ${(e as Error).message.split('\n')[0]}`;
              }
              await check(page, { who: account.role, viewport: name, path, failure }, name === 'phone');
            }
          } finally {
            await context.close();
          }
        }),
      );
    });
  }

  it('finds no serious or critical violation and no phone overflow', () => {
    const bad = visits.filter((v) => v.findings.length > 0 || overflowing(v) || v.failure);
    const rows = bad.flatMap((v) => [
      ...v.findings.map((f) => ({ page: v.path, who: v.who, viewport: v.viewport, issue: `${f.impact} ${f.rule}`, where: f.targets.slice(0, 2).join(' | ') })),
      ...(overflowing(v)
        ? [
            {
              page: v.path,
              who: v.who,
              viewport: v.viewport,
              issue: `overflow ${v.overflow!.pageOverflow}px`,
              where: v.overflow!.offenders.map((o) => `${o.selector} (${o.width}px)`).join(' | '),
            },
          ]
        : []),
      ...(v.failure ? [{ page: v.path, who: v.who, viewport: v.viewport, issue: 'failure', where: v.failure }] : []),
    ]);
    if (rows.length) console.table(rows);
    // Every visit with what it found, for whoever fixes them (not tracked).
    fs.mkdirSync(path.resolve('test-artifacts'), { recursive: true });
    fs.writeFileSync(path.resolve('test-artifacts/accessibility-visits.json'), JSON.stringify(visits, null, 2));
    const pages = new Set(visits.map((v) => v.path)).size;
    const violations = visits.reduce((n, v) => n + v.findings.length, 0);
    const overflows = visits.filter(overflowing).length;
    const byRule: Record<string, number> = {};
    for (const v of visits) for (const f of v.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    console.log(
      `accessibility: ${visits.length} visits of ${pages} pages; ${violations} serious/critical violations ${JSON.stringify(byRule)}; ${overflows} phone overflows`,
    );
    const ok = violations === 0 && overflows === 0 && bad.every((v) => !v.failure);
    recordEvidence({
      control: 'accessibility',
      ok,
      summary: {
        'zh-CN': `axe-core 检查 ${pages} 个页面共 ${visits.length} 次访问（桌面 1366×900 与 375 px 手机，10 个角色及公开页面）：严重/关键问题 ${violations} 个，手机横向溢出 ${overflows} 处。`,
        en: `axe-core over ${pages} pages in ${visits.length} visits (desktop 1366×900 and a 375 px phone, 10 roles and the public pages): ${violations} serious/critical violations, ${overflows} phone overflows.`,
      },
      figures: { pages, visits: visits.length, violations, overflows, failures: bad.filter((v) => v.failure).length, roles: ACCOUNTS.length, ...byRule },
      command: 'npm run build:web && npx vitest run --config vitest.browser.config.ts test/browser/accessibility.browser.test.ts',
    });
    expect(visits.length).toBeGreaterThan(100);
    expect(rows).toEqual([]);
  });
});
