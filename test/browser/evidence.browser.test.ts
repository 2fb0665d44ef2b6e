import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { InjectOptions } from 'fastify';
import { scrappingApplication, scrappingProgramBody } from '../../src/server/modules/cartradein/testing/fixtures.js';
import {
  closePdfViewer,
  DESKTOP,
  PHONE,
  DEMO_PASSWORD,
  DEMO_RESIDENT,
  launchBrowser,
  login,
  onePagePdf,
  openSession,
  screenshot,
  settle,
  startServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * A reviewer must open the scrapping certificate before saying they checked it by hand: the tick stays disabled
 * (with the reason) until the certificate's photo was shown in the preview; a PDF opens in a frame; a reload
 * remembers what was opened; then the reviewer ticks and approves. The applications are made through the API.
 */
let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];

// A real 48×32 picture, so the preview shows something.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAMUlEQVR42u3OQQ0AAAgEoItjRCMayxbOBxsBSPW8EiEhISEhISEhISEhISEhISGhSwvNGXB5IWPlbwAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = onePagePdf('Deregistration certificate (demo evidence)');
const KINDS = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

async function apiAs(username: string, password = DEMO_PASSWORD) {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  const cookie = `hx_session=${res.cookies.find((c) => c.name === 'hx_session')!.value}`;
  const csrf = res.json().csrfToken as string;
  return (opts: InjectOptions) => server.app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
}

let programId = 0;
let townId = 0;
let seq = 70;
/** A resident's application whose certificate is a photo; returns its id and the certificate's and a PDF's ids. */
async function application() {
  const resident = await apiAs(DEMO_RESIDENT.mobile);
  const evidence: { attachmentId: number; kind: string }[] = [];
  for (const kind of KINDS) {
    const form = new FormData();
    const photo = kind === 'scrapping_certificate';
    form.append('file', new Blob([new Uint8Array(photo ? PNG : PDF)]), photo ? '报废证明.png' : `${kind}.pdf`);
    const up = await resident({ method: 'POST', url: '/api/attachments', payload: form as never });
    expect(up.statusCode).toBe(201);
    evidence.push({ attachmentId: up.json().id, kind });
  }
  const res = await resident({
    method: 'POST',
    url: '/api/tradein/car-applications',
    payload: { ...scrappingApplication(programId, seq++, evidence), townId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as number, certificate: evidence[0]!.attachmentId, pdf: evidence[1]!.attachmentId };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const commerce = await apiAs('demo_department');
  const created = await commerce({ method: 'POST', url: '/api/tradein/car-programs', payload: scrappingProgramBody('car-evidence-browser') });
  expect(created.statusCode, created.body).toBe(201);
  programId = created.json().id;
  townId = (await commerce({ method: 'GET', url: '/api/towns' })).json()[0].id;
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function reviewer(viewport = DESKTOP): Promise<Session> {
  const s = await openSession(browser, server.baseUrl, viewport);
  sessions.push(s);
  await login(s.page, 'demo_department');
  return s;
}

describe('evidence a decision depends on', () => {
  it('the reviewer opens the certificate (photo preview; a PDF in a frame), then ticks "checked by hand" and approves', async () => {
    const app = await application();
    const { page } = await reviewer();
    await page.goto(`/car/applications/${app.id}`);
    await page.getByTestId('car-review').waitFor();
    await settle(page);
    const tick = page.getByTestId('car-confirm-certificate');
    expect(await tick.isDisabled()).toBe(true);
    expect(await page.getByTestId('car-approve').isDisabled()).toBe(true);
    await page.getByTestId('car-confirm-hint').getByText('请先点击打开报废机动车回收证明').waitFor();
    await page.getByTestId('car-confirm-wrap').hover();
    await page.locator('.ant-tooltip').getByText('请先点击打开报废机动车回收证明').waitFor();

    // A PDF (not the certificate) opens in a frame in a modal; it does not unlock the tick.
    await page.getByTestId(`car-evidence-files-open-${app.pdf}`).click();
    const frame = page.getByTestId('car-evidence-files-pdf-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await screenshot(page, 'evidence-pdf-modal');
    await closePdfViewer(page, 'car-evidence-files');
    expect(await tick.isDisabled()).toBe(true);

    // The certificate's photo in the image preview.
    await page.getByTestId(`car-evidence-files-open-${app.certificate}`).click();
    const preview = page.locator('img.ant-image-preview-img');
    await preview.waitFor();
    expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    await screenshot(page, 'evidence-certificate-preview', { docs: true });
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    await page.getByTestId(`car-evidence-files-opened-${app.certificate}`).waitFor();
    expect(await tick.isDisabled()).toBe(false);

    // Opened on an earlier visit counts too: the server remembers.
    await page.reload();
    await page.getByTestId('car-review').waitFor();
    await settle(page);
    await page.getByTestId(`car-evidence-files-opened-${app.certificate}`).waitFor();
    expect(await tick.isDisabled()).toBe(false);
    await tick.check();
    await page.getByTestId('car-approve').click();
    await page.getByTestId('car-status-approved').waitFor();
    await screenshot(page, 'evidence-approved', { fullPage: true });

    // Each opening is in the audit trail, with the application it was opened through.
    const views = await server.deps.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after_json'])
      .where('entity', '=', 'attachment')
      .where('action', '=', 'viewed')
      .where('entity_id', 'in', [String(app.certificate), String(app.pdf)])
      .execute();
    expect(views.map((v) => Number(v.entity_id)).sort()).toEqual([app.certificate, app.pdf].sort());
    expect(views.every((v) => JSON.parse(v.after_json!).record.id === app.id)).toBe(true);
  });

  it('on a phone the evidence list fits and the certificate opens', async () => {
    const app = await application();
    const { page } = await reviewer(PHONE);
    await page.goto(`/car/applications/${app.id}`);
    await page.getByTestId('car-evidence-files').waitFor();
    await settle(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByTestId('car-evidence-files').scrollIntoViewIfNeeded();
    await screenshot(page, 'evidence-phone');
    await page.getByTestId(`car-evidence-files-open-${app.certificate}`).click();
    await page.locator('img.ant-image-preview-img').waitFor();
    await screenshot(page, 'evidence-phone-preview');
    await page.keyboard.press('Escape');
    await page.locator('img.ant-image-preview-img').waitFor({ state: 'detached' });
    expect(await page.getByTestId('car-confirm-certificate').isDisabled()).toBe(false);
  });
});
