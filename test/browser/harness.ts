/**
 * Browser-test harness: the real server in-process on a free port (fresh SQLite file, demo data, the built web
 * app from dist/web), and Debian's Chromium driven by playwright-core. Build the web app first
 * (`npm run build:web`); these tests never build anything themselves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/core/deps.js';
import { buildApp } from '../../src/server/app.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { keepSeededProgrammesLive } from '../helpers/liveProgrammes.js';
import { DEMO_PASSWORD, DEMO_RESIDENT } from '../../src/server/modules/platform/seed/seedDemo.js';

export { DEMO_PASSWORD, DEMO_RESIDENT };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built web app the tests serve; HX_WEB_DIST points elsewhere when several people build at once. */
export const WEB_DIST = process.env.HX_WEB_DIST ?? path.join(ROOT, 'dist/web');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts/screenshots');
/** Tracked: written only by `screenshot(…, { docs })` with HUANXIN_UPDATE_DOCS_SCREENSHOTS=1. */
const DOCS_SCREENSHOT_DIR = path.join(ROOT, 'docs/screenshots');

export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 375, height: 812 };

/** Generous: the machine has two cores shared with other test runs. Waiting is never an assertion on time. */
export const WAIT_MS = 60_000;

export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  deps: AppDeps;
  close(): Promise<void>;
}

/** True when dist/web holds an index.html whose every script and stylesheet is there (not a build half done). */
function completeBuild(dist: string): boolean {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return false;
  const html = fs.readFileSync(index, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  return refs.length > 0 && refs.every((r) => fs.existsSync(path.join(dist, r)));
}

/**
 * Copies the built web app aside, so that someone rebuilding dist/web while the tests run (the server maps the
 * files it finds at start) cannot pull assets from under the browser. Retries while a build is being written.
 */
async function snapshotWebDist(target: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (completeBuild(WEB_DIST)) {
      fs.cpSync(WEB_DIST, target, { recursive: true });
      if (completeBuild(target)) return target;
      fs.rmSync(target, { recursive: true, force: true });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${WEB_DIST} holds no complete build: run \`npm run build:web\` before the browser tests`);
}

export async function startServer(): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-browser-'));
  const webDist = await snapshotWebDist(path.join(dir, 'web'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    HUANXIN_DATA_DIR: dir,
    // Always a fresh SQLite file, whatever DATABASE_URL the shell has.
    DATABASE_URL: `sqlite:${path.join(dir, 'browser.db')}`,
    HUANXIN_WEB_DIST: webDist,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const deps = createDeps(config);
  await prepareDatabase(deps, { demo: true });
  await keepSeededProgrammesLive(deps.database);
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    deps,
    async close() {
      await app.close();
      await deps.database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (a healthy page has none). */
  errors: string[];
}

/** A fresh browser profile (no cookies, no localStorage) at a viewport size. */
export async function openSession(browser: Browser, baseUrl: string, viewport = DESKTOP, locale = 'zh-CN'): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale,
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
    acceptDownloads: true,
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // The browser logs every non-2xx answer as a console error; those are expected in tests of refusals.
    if (/Failed to load resource/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return { context, page, errors };
}

/**
 * Sets the clock of the pages of a browser context (opened after this call) to `at`, running on from there. Only
 * `Date` is shifted: timers, animation frames, `performance` and event times stay real, so pages animate and settle
 * as usual (Playwright's `context.clock` fakes all of them and left an antd modal's closing motion hanging now and
 * then on a busy machine). The server keeps the real clock.
 */
export async function setPageClock(context: BrowserContext, at: Date | number): Promise<void> {
  const offset = (typeof at === 'number' ? at : at.getTime()) - Date.now();
  await context.addInitScript((offsetMs: number) => {
    const Native = Date;
    function ShiftedDate(this: unknown, ...args: unknown[]) {
      if (!new.target) return new Native(Native.now() + offsetMs).toString();
      return args.length === 0 ? new Native(Native.now() + offsetMs) : new (Native as unknown as new (...a: unknown[]) => Date)(...args);
    }
    ShiftedDate.prototype = Native.prototype;
    ShiftedDate.now = () => Native.now() + offsetMs;
    ShiftedDate.parse = Native.parse;
    ShiftedDate.UTC = Native.UTC;
    Object.defineProperty(ShiftedDate, 'name', { value: 'Date' });
    (globalThis as unknown as { Date: unknown }).Date = ShiftedDate;
  }, offset);
}

/** Waits until no Ant Design spinner is spinning (data has arrived). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, [data-testid="app-loading"]').length === 0, undefined, { timeout: WAIT_MS });
}

/** Signs in through the login form and waits for the signed-in frame. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-layout').waitFor();
  await page.getByTestId('page-home').waitFor();
}

/** Opens the phone drawer if the menu is hidden in one. */
export async function openMenu(page: Page): Promise<void> {
  const toggle = page.getByTestId('nav-toggle');
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.getByTestId('nav-menu').waitFor();
  }
}

/** The keys of the menu entries shown (nav-<key> test ids). */
export async function menuKeys(page: Page): Promise<string[]> {
  await page.getByTestId('nav-menu').waitFor();
  return page.$$eval('[data-testid="nav-menu"] [data-testid^="nav-"]', (els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice(4)));
}

/**
 * Waits until no CSS animation or transition that ends is running (a dropdown still sliding in moves under the
 * mouse). Endless ones — a spinning loading icon, e.g. the one antd leaves, faded out, in a button that has
 * finished loading — never end and are not waited for; `settle` waits for the spinners that mean "loading".
 */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: WAIT_MS },
  );
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').waitFor();
  await animationsDone(page);
  await page.getByTestId('logout').click();
  await page.getByTestId('page-login').waitFor();
}

/**
 * Every screenshot of the browser tests is taken here. It is saved to test-artifacts/screenshots/<name>.png (not
 * tracked). The README's pictures in docs/screenshots/ are tracked, so a normal run never writes there: only with
 * HUANXIN_UPDATE_DOCS_SCREENSHOTS=1 does a `docs` screenshot also go to docs/screenshots/<name>.png (or to the
 * name `docs` gives, when the README calls the picture otherwise).
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; docs?: boolean | string } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settle(page);
  await animationsDone(page);
  // Fonts (CJK) must be in before the picture is taken.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({
    path: file,
    fullPage: options.fullPage ?? false,
    animations: 'disabled',
    caret: 'hide',
    // Toasts of earlier steps would cover the page.
    style: '.ant-message { display: none !important; }',
  });
  if (options.docs && process.env.HUANXIN_UPDATE_DOCS_SCREENSHOTS === '1') {
    fs.mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS_SCREENSHOT_DIR, `${typeof options.docs === 'string' ? options.docs : name}.png`));
  }
  return file;
}

/** Chooses an option of an antd Select (typing `search` first when the list is long or remote). */
export async function pickOption(page: Page, testId: string, title: string, search?: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  if (search !== undefined) await select.locator('input').fill(search);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: title }).first();
  await option.waitFor();
  await animationsDone(page);
  await option.click();
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

/** Waits until the element with this test id contains `text`. */
export async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([id, t]) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`)).some((e) => (e.textContent ?? '').includes(t!)),
    [testId, text] as const,
    { timeout: WAIT_MS },
  );
}

/**
 * Closes the evidence viewer's PDF modal (EvidenceViewer, test id prefix `testId`) and waits until its frame is gone
 * (the frame would cover the page). Under CI's load a click that lands while the modal is still animating in was
 * seen lost once in ~30 runs (the frame stayed for a minute), so the click is repeated while the frame is there.
 */
export async function closePdfViewer(page: Page, testId: string): Promise<void> {
  const frame = page.getByTestId(`${testId}-pdf-frame`);
  await frame.waitFor();
  for (let attempt = 1; ; attempt++) {
    if ((await frame.count()) > 0) await page.getByTestId(`${testId}-pdf-close`).click();
    try {
      await frame.waitFor({ state: 'detached', timeout: WAIT_MS / 4 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/**
 * A real one-page PDF with a line of text (Helvetica, so ASCII only), for evidence a browser shows in its PDF
 * viewer: a few header bytes pass the upload check but the viewer refuses to render them.
 */
export function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 60 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
