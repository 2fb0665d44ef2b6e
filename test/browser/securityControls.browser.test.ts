import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, login, openSession, screenshot, settle, startServer, type TestServer } from './harness.js';

/**
 * The security administrator opens the controls page: control by control, its status, the evidence the last
 * proofs left (with their date and figures) and the live facts; on a desktop and on a 375 px phone without
 * horizontal overflow. The evidence directory is this test's own, with one passing and one failing proof.
 */
let server: TestServer;
let browser: Browser;
let evidenceDir: string;
const previous = process.env.HUANXIN_EVIDENCE_DIR;

const write = (control: string, ok: boolean, figures: Record<string, number | string>) =>
  fs.writeFileSync(
    path.join(evidenceDir, `${control}.json`),
    JSON.stringify({
      control,
      ok,
      summary: { 'zh-CN': `${control} 的测试结果`, en: `${control} result` },
      figures,
      command: `npm run ${control}`,
      at: '2026-12-01T10:00:00.000Z',
    }),
  );

beforeAll(async () => {
  evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-evidence-browser-'));
  write('mfa', true, { officials: 6, recoveryCodesSingleUse: 'yes' });
  write('lockout', true, { failuresToLock: 5 });
  write('crash', true, { kills: 20, writesAcknowledged: 1802, writesVerified: 1802 });
  write('scan', false, { aboveLow: 1, low: 3 });
  process.env.HUANXIN_EVIDENCE_DIR = evidenceDir;
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (previous === undefined) delete process.env.HUANXIN_EVIDENCE_DIR;
  else process.env.HUANXIN_EVIDENCE_DIR = previous;
  fs.rmSync(evidenceDir, { recursive: true, force: true });
});

describe('security controls page', () => {
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`shows each control with its status, evidence and live facts (${name})`, async () => {
      const session = await openSession(browser, server.baseUrl, viewport);
      try {
        const page = session.page;
        await login(page, 'demo_security');
        await page.goto('/admin/security-controls');
        await page.getByTestId('page-security-controls').waitFor();
        await page.getByTestId('control-identification').waitFor();
        await settle(page);
        const identification = page.getByTestId('control-identification');
        expect(await identification.textContent()).toContain('8.1.4.1');
        expect(await identification.textContent()).toContain('身份鉴别');
        expect(await identification.textContent()).toContain('officials: 6');
        expect(await page.getByTestId('status-intrusion-prevention').textContent()).toBe('不符合');
        expect(await page.getByTestId('status-accessibility').textContent()).toBe('无证据');
        expect(await page.getByTestId('control-backup').textContent()).toContain('writesVerified: 1802');
        expect(await page.getByTestId('control-audit').textContent()).toContain('审计链校验');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `security-controls-${name}`, { fullPage: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `security-controls-${name}-top`, { docs: true });
      } finally {
        await session.context.close();
      }
    }, 120_000);
  }
});
