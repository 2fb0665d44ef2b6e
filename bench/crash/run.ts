/**
 * npm run bench:crash — the real server killed with SIGKILL 20 times under write load (residents claiming vouchers,
 * the merchant redeeming them, a department and a town submitting plan reports), restarted each time; afterwards
 * every acknowledged write (a 2xx with its id) must be stored and every invariant hold: no pool above its quota,
 * no serial subsidised twice, the budget within 0…total and equal to the subsidies, the audit chain intact.
 * Prints the figures as one JSON line (details on stderr) and leaves the `crash` evidence.
 * DATABASE_URL=postgres://… runs it on a scratch PostgreSQL database (dropped afterwards); SQLite otherwise.
 *
 *   CRASH_KILLS (20)  CRASH_RESIDENTS (3000)  CRASH_QUOTA (800)  CRASH_MAX_SECONDS (300: no new kill after it; the
 *   run then counts as failed, since fewer kills than asked were survived)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/server/config.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { computeInvoiceNumber } from '../../src/server/modules/tradein/redemptions/testInvoices.js';
import { storeParameters } from '../../test/helpers/parameters.js';
import { recordEvidence } from '../../test/helpers/evidence.js';
import { scratchDatabase } from '../lib/process.js';
import { PNG } from './png.js';
import { freePort } from '../lib/server.js';
import { prepareWorld } from './setup.js';
import { verify, type Acks } from './verify.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const RESIDENTS = Number(process.env.CRASH_RESIDENTS ?? 3000);
const QUOTA = Number(process.env.CRASH_QUOTA ?? 800);
const MAX_SECONDS = Number(process.env.CRASH_MAX_SECONDS ?? 300);
const log = (...args: unknown[]) => console.error('[bench:crash]', ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: ChildProcess | null = null;
let base = '';
/** Resolves while the server is up; replaced by a pending promise while it is down. */
let up: Promise<void> = Promise.resolve();
let markUp: () => void = () => {};

async function startServer(env: Record<string, string>, port: number): Promise<number> {
  const started = Date.now();
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode} while starting`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(50);
  }
  markUp();
  return Date.now() - started;
}

function killServer(): Promise<void> {
  const child = server!;
  up = new Promise((r) => (markUp = r));
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Reply {
  status: number;
  body: { voucher?: { id: number; code: string }; id?: number; error?: { code: string } };
}

/** One request; null when the connection failed (the server died under it): not acknowledged, not retried. */
async function send(
  method: string,
  path: string,
  who: { cookie: string; csrf: string },
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<Reply | null> {
  await up;
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase();
  const env = { ...scratch.env, HUANXIN_DEMO: '1', LOG_LEVEL: 'error', HUANXIN_MFA_ROLES: 'none', HUANXIN_SHUTDOWN_TIMEOUT_MS: '3000' };
  const tag = randomBytes(3).toString('hex');
  const acks: Acks = { claims: [], redemptions: [], reports: [], duplicateSerialsAccepted: [] };
  const refused: Record<string, number> = {};
  const note = (kind: string, r: Reply | null) => {
    const key = r === null ? `${kind}:connection` : `${kind}:${r.status}${r.body.error ? ` ${r.body.error.code}` : ''}`;
    refused[key] = (refused[key] ?? 0) + 1;
  };
  const restartMs: number[] = [];
  const wallStart = Date.now();
  try {
    const config = loadConfig({ ...process.env, ...env });
    let deps = createDeps(config);
    await prepareDatabase(deps, { demo: true, demoProgrammes: true });
    // Every load request comes from loopback: the per-address burst limit is for farms, not for the bench.
    await storeParameters(deps, { 'tradein.claimBurstPerAddress': 1_000_000 });
    const world = await prepareWorld(deps, config, RESIDENTS, QUOTA);
    await deps.database.close();

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    log(`first start (${scratch.postgres ? 'PostgreSQL' : 'SQLite'})…`);
    const firstStartMs = await startServer(env, port);

    // The photo of the old item every sale offers as proof (a photo is not used up by a sale).
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'old-item.png');
    const uploaded = await fetch(`${base}/api/attachments`, {
      method: 'POST',
      headers: { cookie: world.merchant.cookie, 'x-csrf-token': world.merchant.csrf },
      body: form,
    });
    if (uploaded.status !== 201) throw new Error(`could not upload the proof photo: ${uploaded.status} ${await uploaded.text()}`);
    const photoId = ((await uploaded.json()) as { id: number }).id;

    // Plan reports to submit: the office opens twelve months; the department and the town owe reports in each.
    for (const period of Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`)) {
      const r = await send('POST', '/api/plan-periods', world.office, { planId: world.planId, period });
      if (r?.status !== 201) throw new Error(`could not open ${period}: ${JSON.stringify(r)}`);
    }
    const reader = createDeps(config);
    const owed = await reader.database.db
      .selectFrom('plan_reports as r')
      .innerJoin('users as u', 'u.organization_id', 'r.organization_id')
      .select(['r.id', 'u.username'])
      .where('u.username', 'in', ['demo_department', 'demo_town'])
      .where('r.status', '=', 'pending')
      .orderBy('r.id')
      .execute();
    await reader.database.close();
    const reportQueue = owed.map((r) => ({ id: Number(r.id), who: world.reporters[r.username === 'demo_department' ? 0 : 1]! }));
    log(`${world.residents.length} residents, pool of ${QUOTA}, ${reportQueue.length} reports owed`);

    // An object, not a let: the workers' loops read it while the kill loop sets it.
    const run = { stop: false };
    let nextResident = 0;
    const redeemable: string[] = [];
    let sale = 0;
    const invoiceBase = Math.floor(Math.random() * 1e9);
    const claimer = async () => {
      while (!run.stop && nextResident < world.residents.length) {
        const r = world.residents[nextResident++]!;
        const res = await send('POST', `/api/tradein/pools/${world.poolId}/claims`, r, undefined, { 'idempotency-key': `crash-${tag}-${r.userId}` });
        if (res?.status === 201 && res.body.voucher) {
          acks.claims.push({ voucherId: res.body.voucher.id, userId: r.userId });
          redeemable.push(res.body.voucher.code);
        } else note('claim', res);
      }
    };
    const redeemer = async () => {
      while (!run.stop) {
        const code = redeemable.shift();
        if (!code) {
          await sleep(20);
          continue;
        }
        const n = sale++;
        // Every fifth sale offers a serial already subsidised: it must be refused, whatever dies meanwhile.
        const again = n % 5 === 4 && acks.redemptions.length > 0;
        const serial = again ? acks.redemptions[acks.redemptions.length - 1]!.serial : `CRASH-${tag}-${n}`;
        const res = await send('POST', '/api/tradein/redemptions', world.merchant, {
          voucherCode: code,
          productId: world.productId,
          serialNumber: serial,
          price: 459_900,
          invoiceNumber: computeInvoiceNumber(invoiceBase + n),
          oldItemProof: { reference: `OLD-${tag}-${n}`, attachmentId: photoId },
        });
        if (res?.status === 201 && typeof res.body.id === 'number') {
          if (again) acks.duplicateSerialsAccepted.push(serial);
          else acks.redemptions.push({ id: res.body.id, serial, voucherCode: code });
        } else note(again ? 'redeem-again' : 'redeem', res);
      }
    };
    const reporter = async () => {
      while (!run.stop) {
        const report = reportQueue.shift();
        if (!report) return;
        const narrative = `crash ${tag} report ${report.id}`;
        const res = await send('POST', `/api/plan-reports/${report.id}/submit`, report.who, { value: 1, narrative });
        if (res?.status === 200) acks.reports.push({ id: report.id, narrative });
        else note('report', res);
      }
    };
    const workers = [...Array.from({ length: 6 }, claimer), ...Array.from({ length: 3 }, redeemer), ...Array.from({ length: 2 }, reporter)];

    for (let k = 0; k < KILLS; k++) {
      if (Date.now() - wallStart > MAX_SECONDS * 1000) {
        log(`time bound of ${MAX_SECONDS} s reached after ${k} kills`);
        break;
      }
      await sleep(300 + Math.random() * 1200);
      await killServer();
      const ms = await startServer(env, port);
      restartMs.push(ms);
      log(
        `kill ${k + 1}/${KILLS}: restarted in ${ms} ms; acknowledged so far ${acks.claims.length} claims, ${acks.redemptions.length} sales, ${acks.reports.length} reports`,
      );
    }
    await sleep(500);
    run.stop = true;
    await Promise.all(workers);
    await new Promise<void>((resolve) => {
      server!.once('exit', () => resolve());
      server!.kill('SIGTERM');
    });

    deps = createDeps(config);
    const v = await verify(deps, world, acks);
    await deps.database.close();
    const sorted = [...restartMs].sort((a, b) => a - b);
    const acknowledged = acks.claims.length + acks.redemptions.length + acks.reports.length;
    const ok = v.failures.length === 0 && restartMs.length === KILLS && acks.claims.length > 0 && acks.redemptions.length > 0 && acks.reports.length > 0;
    const figures = {
      database: scratch.postgres ? 'postgres' : 'sqlite',
      kills: restartMs.length,
      writesAcknowledged: acknowledged,
      writesVerified: acknowledged - v.missingClaims - v.missingRedemptions - v.missingReports,
      claimsAcknowledged: acks.claims.length,
      redemptionsAcknowledged: acks.redemptions.length,
      reportsAcknowledged: acks.reports.length,
      poolQuota: QUOTA,
      poolIssued: v.poolIssued,
      overQuota: v.overQuota,
      serialsRedeemedTwice: v.serialsRedeemedTwice,
      secondSalesAccepted: v.duplicateSerialsAccepted,
      budgetUsedFen: v.budgetUsedFen,
      auditOk: v.auditOk ? 'yes' : 'no',
      auditRecords: v.auditRecords,
      firstStartMs,
      restartMsMedian: sorted[Math.floor(sorted.length / 2)] ?? 0,
      restartMsMax: sorted[sorted.length - 1] ?? 0,
      wallSeconds: Math.round((Date.now() - wallStart) / 1000),
    };
    log('refused or lost in flight (not acknowledged):', JSON.stringify(refused));
    if (v.failures.length) log('FAILURES:', v.failures.join('; '));
    console.log(JSON.stringify({ ok, ...figures }));
    const db = scratch.postgres ? 'PostgreSQL' : 'SQLite';
    recordEvidence({
      control: 'crash',
      ok,
      summary: {
        'zh-CN': `${db}：写入负载下 kill -9 ${figures.kills} 次并重启；已确认写入 ${acknowledged} 条，核对存在 ${figures.writesVerified} 条；配额超发 ${v.overQuota}，同一序列号重复补贴 ${v.serialsRedeemedTwice}，预算${v.budgetUsedFen >= 0 && v.budgetMismatchFen === 0 ? '一致' : '异常'}，审计链${v.auditOk ? '完整' : '断裂'}。`,
        en: `${db}: killed with SIGKILL ${figures.kills} times under write load and restarted; ${figures.writesVerified} of ${acknowledged} acknowledged writes present; over quota ${v.overQuota}, serials subsidised twice ${v.serialsRedeemedTwice}, budget ${v.budgetUsedFen >= 0 && v.budgetMismatchFen === 0 ? 'consistent' : 'inconsistent'}, audit chain ${v.auditOk ? 'intact' : 'broken'}.`,
      },
      figures,
      command: scratch.postgres ? 'DATABASE_URL=postgres://… npm run bench:crash' : 'npm run bench:crash',
    });
    if (!ok) process.exitCode = 1;
  } finally {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await scratch.cleanup();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    if (server && server.exitCode === null) server.kill('SIGKILL');
    process.exit(1);
  },
);
