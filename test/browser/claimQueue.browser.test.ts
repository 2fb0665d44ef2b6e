import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { claimAdmissionFor } from '../../src/server/modules/tradein/vouchers/claimAdmission.js';
import { openTestPool } from '../../src/server/modules/tradein/testing/pools.js';
import { storeParameters } from '../helpers/parameters.js';
import { DEMO_RESIDENT, PHONE, WAIT_MS, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * A resident in a release rush, on a phone: the claim answers with a place in the queue (the server is set to
 * queue every claim), the page shows the position and keeps asking, and when the drainer reaches the place the
 * voucher appears as after a direct claim.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await storeParameters(server.deps, { 'tradein.claimBacklogPerProcess': 0 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the claim queue on the claim page', () => {
  it('shows the resident’s place while they wait, then the voucher', async () => {
    const poolId = await openTestPool(server.deps, 'dishwasher', 20);
    // The drainer waits while the resident joins, as when another process is the one that drains.
    const admission = claimAdmissionFor(server.deps);
    await admission.stop();
    const { page, errors, context } = await openSession(browser, server.baseUrl, PHONE);
    try {
      await login(page, DEMO_RESIDENT.mobile);
      await page.goto('/tradein/claim');
      const pool = page.getByTestId(`pool-${poolId}`);
      await pool.waitFor({ timeout: WAIT_MS });
      await settle(page);
      await pool.getByTestId('claim-button').click();
      const queue = pool.getByTestId('claim-queue');
      await queue.waitFor({ timeout: WAIT_MS });
      expect(await queue.getAttribute('data-status')).toBe('waiting');
      expect(await queue.getAttribute('data-position')).toBe('1');
      expect(await pool.getByTestId('claim-queue-position').textContent()).toContain('当前排在第 1 位');
      await screenshot(page, 'tradein-claim-queue-phone');

      admission.start();
      admission.wake();
      await page.getByTestId('claim-success').waitFor({ timeout: WAIT_MS });
      expect(await page.getByTestId('claim-success').textContent()).toContain('洗碗机');
      expect(await pool.getByTestId('claim-queue').count()).toBe(0);
      const issued = await server.deps.database.db.selectFrom('tradein_vouchers').select('id').where('pool_id', '=', poolId).execute();
      expect(issued).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      admission.start();
      await context.close();
    }
  });
});
