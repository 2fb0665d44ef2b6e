import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  DEMO_RESIDENT,
  DESKTOP,
  PHONE,
  launchBrowser,
  login,
  logout,
  menuKeys,
  openMenu,
  openSession,
  screenshot,
  settle,
  startServer,
  type TestServer,
} from './harness.js';

/**
 * The shell seen by each demo role: its menu mirrors what the server lets it do, a page it may not use shows
 * 403, the language switch works and is remembered, signing out signs out.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ALL_KEYS = ['home', 'my-organization', 'profile', 'organizations', 'users', 'sessions', 'api-tokens', 'audit', 'login-events'] as const;
type Key = (typeof ALL_KEYS)[number];

/** What each role's menu holds; everything else must be absent. */
const MENUS: { username: string; role: string; menu: Key[]; forbidden: string }[] = [
  { username: 'demo_office', role: 'office', menu: ['home', 'profile', 'organizations', 'audit', 'login-events'], forbidden: '/admin/users' },
  { username: 'demo_department', role: 'department', menu: ['home', 'profile', 'organizations'], forbidden: '/audit/trail' },
  { username: 'demo_finance', role: 'department', menu: ['home', 'profile', 'organizations'], forbidden: '/admin/sessions' },
  { username: 'demo_town', role: 'town', menu: ['home', 'profile', 'organizations'], forbidden: '/audit/logins' },
  { username: 'demo_enterprise', role: 'enterprise', menu: ['home', 'my-organization', 'profile'], forbidden: '/organizations' },
  { username: 'demo_merchant', role: 'merchant', menu: ['home', 'my-organization', 'profile'], forbidden: '/admin/api-tokens' },
  { username: 'demo_recycler', role: 'recycler', menu: ['home', 'my-organization', 'profile'], forbidden: '/audit/trail' },
  {
    username: 'demo_auditor',
    role: 'auditor',
    menu: ['home', 'profile', 'organizations', 'users', 'sessions', 'audit', 'login-events'],
    forbidden: '/admin/api-tokens',
  },
  {
    username: 'demo_admin',
    role: 'admin',
    menu: ['home', 'profile', 'organizations', 'users', 'sessions', 'api-tokens', 'login-events'],
    forbidden: '/audit/trail',
  },
  { username: DEMO_RESIDENT.mobile, role: 'resident', menu: ['home', 'profile'], forbidden: '/admin/users' },
];

describe('each demo role', () => {
  for (const account of MENUS) {
    it(`${account.role} (${account.username}) sees its own menu, gets 403 elsewhere, and signs out`, async () => {
      const { context, page, errors } = await openSession(browser, server.baseUrl);
      try {
        await login(page, account.username);
        expect(await page.getByTestId('app-layout').getAttribute('data-role')).toBe(account.role);

        const keys = await menuKeys(page);
        for (const key of account.menu) expect(keys, `${account.role} should see ${key}`).toContain(key);
        for (const key of ALL_KEYS.filter((k) => !account.menu.includes(k))) expect(keys, `${account.role} must not see ${key}`).not.toContain(key);
        expect(await page.getByTestId('user-role').textContent()).toBeTruthy();
        await screenshot(page, `home-${account.role}${account.username === 'demo_finance' ? '-finance' : ''}`, { docs: account.role === 'office' });

        // Each menu entry opens its page without crashing.
        for (const key of account.menu) {
          await page.getByTestId(`nav-${key}`).click();
          await settle(page);
          expect(await page.getByTestId('page-forbidden').count()).toBe(0);
          expect(await page.getByTestId('page-error').count()).toBe(0);
        }

        // Typing the address of a page the role may not use shows 403, not a crash.
        await page.goto(account.forbidden);
        await page.getByTestId('page-forbidden').waitFor();
        expect(await page.getByTestId('app-layout').count()).toBe(1);
        if (account.role === 'resident') await screenshot(page, 'forbidden-resident');

        await logout(page);
        // Signed out for real: the session cookie no longer works and protected pages send you to sign in.
        const me = await page.request.get('/api/auth/me');
        expect(me.status()).toBe(401);
        await page.goto('/organizations');
        await page.getByTestId('page-login').waitFor();
        expect(page.url()).toContain('/login?next=%2Forganizations');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the shell', () => {
  it('shows the server’s message when sign-in fails', async () => {
    const { context, page } = await openSession(browser, server.baseUrl);
    try {
      await page.goto('/login');
      await screenshot(page, 'login', { docs: true });
      await page.getByTestId('login-username').fill('demo_department');
      await page.getByTestId('login-password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      const alert = page.getByTestId('login-error');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('用户名或密码错误');
    } finally {
      await context.close();
    }
  });

  it('shows 404 for an unknown address', async () => {
    const { context, page } = await openSession(browser, server.baseUrl);
    try {
      await login(page, 'demo_town');
      await page.goto('/no/such/page');
      await page.getByTestId('page-not-found').waitFor();
    } finally {
      await context.close();
    }
  });

  it('switches to English, remembers it after a reload and for the account, and back', async () => {
    const first = await openSession(browser, server.baseUrl);
    try {
      const { page } = first;
      await login(page, 'demo_office');
      expect(await page.getByTestId('nav-organizations').textContent()).toBe('单位管理');
      await page.getByTestId('lang-en').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="nav-organizations"]')?.textContent === 'Organisations');
      expect(await page.getByTestId('welcome').textContent()).toContain('Welcome');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await screenshot(page, 'home-office-en');

      await page.reload();
      await page.getByTestId('page-home').waitFor();
      expect(await page.getByTestId('nav-organizations').textContent()).toBe('Organisations');
      expect(await page.getByTestId('nav-audit').textContent()).toBe('Audit trail');
      // The account's language was saved, so the server answers in English whatever the browser asks for.
      const res = await page.request.get('/api/organizations/999999', { headers: { 'Accept-Language': 'zh-CN' } });
      expect(res.status()).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('The requested resource does not exist');
    } finally {
      await first.context.close();
    }

    // A new device that never chose takes the account's language.
    const second = await openSession(browser, server.baseUrl);
    try {
      const { page } = second;
      await page.goto('/login');
      expect(await page.getByTestId('login-submit').textContent()).toMatch(/登\s*录/);
      await login(page, 'demo_office');
      await page.waitForFunction(() => document.querySelector('[data-testid="nav-organizations"]')?.textContent === 'Organisations');
      await page.getByTestId('lang-zh').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="nav-organizations"]')?.textContent === '单位管理');
      await page.reload();
      await page.getByTestId('page-home').waitFor();
      expect(await page.getByTestId('nav-organizations').textContent()).toBe('单位管理');
    } finally {
      await second.context.close();
    }
  });

  it('on a phone the menu lives in a drawer', async () => {
    const { context, page } = await openSession(browser, server.baseUrl, PHONE);
    try {
      await login(page, 'demo_auditor');
      expect(await page.getByTestId('nav-menu').count()).toBe(0);
      await screenshot(page, 'phone-home-auditor');
      await openMenu(page);
      const keys = await menuKeys(page);
      expect(keys).toContain('audit');
      await screenshot(page, 'phone-menu-auditor');
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('page-audit').waitFor();
      await settle(page);
      // Nothing wider than the screen except inside the table's own scroller.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'phone-audit');
    } finally {
      await context.close();
    }
  });

  it('keeps the desktop layout at 1366 px', async () => {
    const { context, page } = await openSession(browser, server.baseUrl, DESKTOP);
    try {
      await login(page, 'demo_auditor');
      expect(await page.getByTestId('nav-toggle').count()).toBe(0);
      expect(await page.getByTestId('nav-menu').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
