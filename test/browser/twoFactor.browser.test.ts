import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, login, logout, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';
import { base32Decode, hotp, timeStep } from '../../src/server/modules/platform/mfa/totp.js';

/**
 * An official turns two-factor sign-in on at /my/two-factor (the code computed here from the key the page shows,
 * as an authenticator app would), signs out, and signs in again with password and code.
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

describe('two-factor sign-in', () => {
  it('enrols on /my/two-factor, then signs in with password and code', async () => {
    const session = await openSession(browser, server.baseUrl);
    try {
      const page = session.page;
      await login(page, 'demo_town');
      await page.goto('/my/two-factor');
      await page.getByTestId('page-two-factor').waitFor();
      await settle(page);
      await page.getByTestId('mfa-status-off').waitFor();
      await page.getByTestId('mfa-start').click();
      const shown = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
      expect(shown).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.getByTestId('mfa-uri').innerText()).toContain(`secret=${shown}`);
      const key = base32Decode(shown);
      const used = timeStep(Date.now());
      await page.getByTestId('mfa-confirm-code').fill(hotp(key, used));
      await page.getByTestId('mfa-confirm').click();
      await page.getByTestId('mfa-recovery-codes').waitFor();
      expect(await page.getByTestId('mfa-recovery-code').count()).toBe(10);
      await page.getByTestId('mfa-status-on').waitFor();
      await screenshot(page, 'two-factor-enrolled', { docs: true });
      await logout(page);

      await page.getByTestId('login-username').fill('demo_town');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-mfa').waitFor();
      // A wrong code is refused on the page, the step stays.
      await page.getByTestId('login-mfa-code').fill(hotp(key, used - 5));
      await page.getByTestId('login-mfa-submit').click();
      await page.getByTestId('login-mfa-error').waitFor();
      // The next step's code (the one used to enrol cannot be used again): within the ±1 window from now.
      await page.getByTestId('login-mfa-code').fill(hotp(key, used + 1));
      await page.getByTestId('login-mfa-submit').click();
      await page.getByTestId('app-layout').waitFor();
      // Signed in (back on the page the sign-out left, or home): the page says the second factor is on.
      await page.goto('/my/two-factor');
      await page.getByTestId('mfa-status-on').waitFor();
      expect(session.errors.filter((e) => !/401|status of 4\d\d/.test(e))).toEqual([]);
    } finally {
      await session.context.close();
    }
  });
});
