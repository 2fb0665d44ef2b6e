import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { computeCitizenIdCheckChar, computeCreditCodeCheckChar } from '../../src/shared/validators/index.js';
import {
  DEMO_PASSWORD,
  DESKTOP,
  animationsDone,
  PHONE,
  launchBrowser,
  login,
  logout,
  openSession,
  pickOption,
  screenshot,
  settle,
  startServer,
  waitForText,
  type TestServer,
} from './harness.js';

/**
 * The platform pages at work, on a desktop and a phone: registration, review, accounts, tokens, the audit trail.
 * Screenshots of each go to test-artifacts/screenshots/.
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

const NEW_PASSWORD = 'Renewal#2024x';

describe('registration', () => {
  it('a resident registers on a 375 px phone, with inline checks before sending, then signs in with the mobile', async () => {
    const { context, page, errors } = await openSession(browser, server.baseUrl, PHONE);
    try {
      await page.goto('/login');
      await screenshot(page, 'phone-login');
      await page.getByTestId('link-register-resident').click();
      await page.getByTestId('register-resident-form').waitFor();

      const mobile = '13912345678';
      const idNumber = '35058219880808123' + computeCitizenIdCheckChar('35058219880808123');
      await page.getByTestId('reg-mobile').fill('1391234');
      await page.getByTestId('reg-realName').fill('张晓明');
      // A wrong check digit is caught in the browser, in the server's own words.
      const badId = idNumber.slice(0, 17) + (idNumber.endsWith('1') ? '2' : '1');
      await page.getByTestId('reg-idNumber').fill(badId);
      await page.getByTestId('reg-password').fill('short');
      await page.getByTestId('reg-submit').click();
      await page.getByText('手机号码应为 11 位').waitFor();
      await page.getByText('身份证号码校验位不正确').waitFor();
      await page.getByText('密码至少 10 位', { exact: false }).first().waitFor();
      await screenshot(page, 'phone-register-resident-errors', { fullPage: true });

      await page.getByTestId('reg-mobile').fill(mobile);
      await page.getByTestId('reg-idNumber').fill(idNumber);
      await page.getByTestId('reg-password').fill(NEW_PASSWORD);
      await page.getByTestId('reg-confirm').fill(NEW_PASSWORD);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'register-resident-phone', { fullPage: true, docs: true });
      await page.getByTestId('reg-submit').click();
      await page.getByTestId('register-done').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // Registering the same person again: the server's duplicate answer lands on the field.
      await page.goto('/register/resident');
      await page.getByTestId('reg-mobile').fill('13912345679');
      await page.getByTestId('reg-realName').fill('张晓明');
      await page.getByTestId('reg-idNumber').fill(idNumber);
      await page.getByTestId('reg-password').fill(NEW_PASSWORD);
      await page.getByTestId('reg-confirm').fill(NEW_PASSWORD);
      await page.getByTestId('reg-submit').click();
      await page.getByText('身份证号码 已存在').first().waitFor();

      await login(page, mobile, NEW_PASSWORD);
      expect(await page.getByTestId('app-layout').getAttribute('data-role')).toBe('resident');
      await screenshot(page, 'phone-home-resident');
      await page.goto('/my/profile');
      await page.getByTestId('page-profile').waitFor();
      expect(await page.getByTestId('profile-idNumber').textContent()).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      expect(await page.getByTestId('profile-mobile').textContent()).toBe('139****5678');
      await screenshot(page, 'phone-profile-resident', { fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an enterprise registers, waits as pending, and its town approves it', async () => {
    const creditCode = '91350582MA2AB0077' + computeCreditCodeCheckChar('91350582MA2AB0077');
    const name = '晋江测试家电有限公司';
    const ent = await openSession(browser, server.baseUrl);
    try {
      const { page } = ent;
      await page.goto('/register/enterprise');
      await page.getByTestId('register-enterprise-form').waitFor();
      await page.getByTestId('ent-name').fill(name);
      await page.getByTestId('ent-creditCode').fill(creditCode);
      await pickOption(page, 'ent-town', '青阳街道', '青阳');
      await page.getByTestId('ent-address').fill('晋江市青阳街道测试路 1 号');
      await page.getByTestId('ent-contactName').fill('林经理');
      await page.getByTestId('ent-contactMobile').fill('13700001111');
      await page.getByTestId('ent-username').fill('test_appliance');
      await page.getByTestId('ent-password').fill(NEW_PASSWORD);
      await page.getByTestId('ent-confirm').fill(NEW_PASSWORD);
      await screenshot(page, 'register-enterprise', { fullPage: true });
      await page.getByTestId('ent-submit').click();
      await page.getByTestId('register-done').waitFor();

      await login(page, 'test_appliance', NEW_PASSWORD);
      await page.getByTestId('pending-banner').waitFor();
      await page.getByTestId('nav-my-organization').click();
      await page.getByTestId('page-my-organization').waitFor();
      await page.getByTestId('org-status-pending').first().waitFor();
      await screenshot(page, 'my-organization-pending');
      await logout(page);
    } finally {
      await ent.context.close();
    }

    const town = await openSession(browser, server.baseUrl);
    try {
      const { page } = town;
      await login(page, 'demo_town');
      await waitForText(page, 'todo-pending-enterprises', '1');
      await page.getByTestId('todo-pending-enterprises').getByRole('button').click();
      await page.getByTestId('page-organizations').waitFor();
      await settle(page);
      const row = page.locator('[data-testid="org-table"] .ant-table-row').filter({ hasText: name });
      await row.waitFor();
      expect(await page.locator('[data-testid="org-table"] .ant-table-row').count()).toBe(1);
      await row.getByRole('button', { name }).click();
      await page.getByTestId('org-drawer').waitFor();
      await page.getByTestId('org-approve').waitFor();
      await screenshot(page, 'organization-review-drawer');
      await page.getByTestId('org-approve').click();
      await page.getByTestId('status-change-note').waitFor();
      await animationsDone(page);
      await page.getByTestId('status-change-note').fill('材料齐全，同意入驻');
      await page.getByTestId('status-change-ok').click();
      await page.getByTestId('org-suspend').waitFor();
      await page.getByTestId('org-status-active').first().waitFor();
    } finally {
      await town.context.close();
    }

    const again = await openSession(browser, server.baseUrl);
    try {
      await login(again.page, 'test_appliance', NEW_PASSWORD);
      expect(await again.page.getByTestId('pending-banner').count()).toBe(0);
    } finally {
      await again.context.close();
    }
  });
});

describe('officials', () => {
  it('the office browses organisations, exports them, and reads and verifies the audit trail', async () => {
    const { context, page, errors } = await openSession(browser, server.baseUrl);
    try {
      await login(page, 'demo_office');
      await page.getByTestId('nav-organizations').click();
      await page.getByTestId('page-organizations').waitFor();
      await page.locator('[data-testid="org-table"] .ant-table-row').first().waitFor();
      await screenshot(page, 'organizations', { docs: true });

      // Filter by kind; the address bar keeps the filter.
      await pickOption(page, 'filter-kind', '企业');
      await page.getByTestId('filter-search').click();
      await page.waitForURL(/kind=enterprise/);
      await page.waitForFunction(() => {
        const kinds = Array.from(document.querySelectorAll('[data-testid="org-table"] .ant-table-row td:nth-child(2)'), (td) => td.textContent);
        return kinds.length > 0 && kinds.every((k) => k === '企业');
      });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

      await page
        .locator('[data-testid="org-table"] .ant-table-row')
        .first()
        .getByRole('button', { name: /详\s*情/ })
        .click();
      await page.getByTestId('org-drawer').waitFor();
      await page.getByTestId('org-descriptions').waitFor();
      await screenshot(page, 'organization-drawer');
      await page.keyboard.press('Escape');

      await page.getByTestId('nav-audit').click();
      await page.getByTestId('page-audit').waitFor();
      await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
      await page.locator('[data-testid="audit-table"] .ant-table-row-expand-icon').first().click();
      await page.locator('[data-testid^="audit-detail-"]').first().waitFor();
      await page.getByTestId('audit-verify').click();
      await page.getByTestId('verify-ok').waitFor();
      await screenshot(page, 'audit-trail', { docs: true });

      await page.getByTestId('nav-login-events').click();
      await page.getByTestId('page-login-events').waitFor();
      await page.locator('[data-testid="login-events-table"] .ant-table-row').first().waitFor();
      await screenshot(page, 'login-events');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the administrator creates an account whose role fits its organisation; the new user must change the password', async () => {
    const admin = await openSession(browser, server.baseUrl);
    try {
      const { page } = admin;
      await login(page, 'demo_admin');
      await page.getByTestId('nav-users').click();
      await page.getByTestId('page-users').waitFor();
      await page.locator('[data-testid="user-table"] .ant-table-row').first().waitFor();
      await screenshot(page, 'accounts', { docs: true });

      await page.getByTestId('user-create').click();
      await page.getByTestId('user-username').waitFor();
      await animationsDone(page);
      await page.getByTestId('user-username').fill('qy_clerk');
      await page.getByTestId('user-displayName').fill('青阳街道经办人');
      await pickOption(page, 'organization-select', '青阳街道', '青阳');
      // A town's only role is chosen for you; the role list offers nothing else.
      await waitForText(page, 'user-create-role', '镇街');
      await page.getByTestId('user-create-role').click();
      const offered = await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allTextContents();
      expect(offered).toEqual(['镇街']);
      await page.keyboard.press('Escape');
      await page.getByTestId('user-password').fill(NEW_PASSWORD);
      await screenshot(page, 'account-create');
      await page.getByTestId('user-create-ok').click();
      await page.getByTestId('user-username').waitFor({ state: 'detached' });
      await page.locator('[data-testid="user-table"] .ant-table-row').filter({ hasText: 'qy_clerk' }).waitFor();

      await page.getByTestId('nav-sessions').click();
      await page.getByTestId('page-sessions').waitFor();
      await page.locator('[data-testid="session-table"] .ant-table-row').first().waitFor();
      await screenshot(page, 'sessions');

      await page.getByTestId('nav-api-tokens').click();
      await page.getByTestId('page-api-tokens').waitFor();
      await page.getByTestId('token-create').click();
      await page.getByTestId('token-name').waitFor();
      await animationsDone(page);
      await page.getByTestId('token-name').fill('统计局数据对接');
      await pickOption(page, 'organization-select', '工作专班办公室', '专班');
      await pickOption(page, 'token-role', '专班办公室');
      await page.getByTestId('token-create-ok').click();
      await page.getByTestId('token-secret').waitFor();
      const secret = (await page.getByTestId('token-secret').textContent()) ?? '';
      expect(secret.length).toBeGreaterThan(20);
      await screenshot(page, 'api-token-secret');
      await page.getByTestId('token-secret-close').click();
      await page.locator('[data-testid="token-table"] .ant-table-row').filter({ hasText: '统计局数据对接' }).waitFor();
      await screenshot(page, 'api-tokens');
      await page.locator('[data-testid^="token-revoke-"]').first().click();
      await page.locator('.ant-popconfirm .ant-btn-dangerous').waitFor();
      await animationsDone(page);
      await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
      await page.locator('[data-testid="token-table"] .ant-table-row').filter({ hasText: '已吊销' }).waitFor();
    } finally {
      await admin.context.close();
    }

    const clerk = await openSession(browser, server.baseUrl);
    try {
      const { page } = clerk;
      await page.goto('/login');
      await page.getByTestId('login-username').fill('qy_clerk');
      await page.getByTestId('login-password').fill(NEW_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('page-forced-password').waitFor();
      expect(await page.getByTestId('app-layout').count()).toBe(0);
      // Any address shows the forced change, never the page.
      await page.goto('/organizations');
      await page.getByTestId('page-forced-password').waitFor();
      await screenshot(page, 'forced-password-change');
      await page.getByTestId('pw-current').fill(NEW_PASSWORD);
      await page.getByTestId('pw-new').fill('Qingyang#2025ok');
      await page.getByTestId('pw-confirm').fill('Qingyang#2025ok');
      await page.getByTestId('pw-submit').click();
      await page.getByTestId('page-organizations').waitFor();
      expect(await page.getByTestId('app-layout').getAttribute('data-role')).toBe('town');
    } finally {
      await clerk.context.close();
    }
  });

  it('the main pages work on a phone', async () => {
    const { context, page, errors } = await openSession(browser, server.baseUrl, PHONE);
    try {
      await login(page, 'demo_office');
      await screenshot(page, 'phone-home-office', { fullPage: true });
      for (const [path, testId, name] of [
        ['/organizations', 'page-organizations', 'phone-organizations'],
        ['/audit/trail', 'page-audit', 'phone-audit-trail'],
        ['/audit/logins', 'page-login-events', 'phone-login-events'],
      ] as const) {
        await page.goto(path);
        await page.getByTestId(testId).waitFor();
        await page.locator('.ant-table-row').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
        await screenshot(page, name);
      }
      await logout(page);
      await login(page, 'demo_admin');
      await page.goto('/admin/users');
      await page.locator('.ant-table-row').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await screenshot(page, 'phone-accounts');
      await page.getByTestId('user-create').click();
      await page.getByTestId('user-username').waitFor();
      await screenshot(page, 'phone-account-create');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('desktop screenshots in English', async () => {
    const { context, page } = await openSession(browser, server.baseUrl, DESKTOP, 'en-US');
    try {
      await page.goto('/login');
      await page.getByTestId('lang-en').click();
      await waitForText(page, 'login-submit', 'Sign in');
      await screenshot(page, 'login-en');
      await login(page, 'demo_auditor', DEMO_PASSWORD);
      await page.goto('/audit/trail');
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'audit-trail-en');
    } finally {
      await context.close();
    }
  });
});
