import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import type { Queryable, Tx } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import type { RiskRuleAction, RiskRuleCode, RiskSignalKind } from '../tables.js';
import { RISK_RULE_CODES, maskStart, normaliseAddress, parseRuleParams, percent, priceMarkup, yuan, type LoadedRule, type RuleParams } from './rules.js';

/**
 * The rules count other sales: of the merchant (bursts, shared phones, addresses, devices), of the resident
 * (merchant hopping) and of the old item (proof reuse). Under PostgreSQL's read-committed isolation two sales in
 * flight at once would not see each other and could both sit just under a threshold. So a sale first takes
 * transaction-scoped advisory locks on its merchant, its resident and its old-item reference (in one order, so two
 * sales cannot deadlock), before it reads the clock and the history; sales that share none of them still run in
 * parallel. SQLite runs one writing transaction at a time, which serialises them already.
 */
export async function serialiseRiskScope(
  tx: Tx,
  dialect: 'sqlite' | 'postgres',
  scope: { merchantOrganizationId: number; holderUserId: number; oldItemReference: string | null },
): Promise<void> {
  if (dialect !== 'postgres') return;
  const INT4 = 2_147_483_647;
  const keys: [number, number][] = [
    [RISK_LOCK_MERCHANT, scope.merchantOrganizationId % INT4],
    [RISK_LOCK_RESIDENT, scope.holderUserId % INT4],
  ];
  if (scope.oldItemReference) {
    const ref = scope.oldItemReference.toUpperCase().replace(/[\s\-_/.]/g, '');
    keys.push([RISK_LOCK_OLD_ITEM, createHash('sha256').update(ref).digest().readInt32BE(0)]);
  }
  keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [space, key] of keys) await sql`select pg_advisory_xact_lock(${space}::int4, ${key}::int4)`.execute(tx);
}
/** Advisory-lock key spaces of risk control (arbitrary constants, distinct from any other use of advisory locks). */
const RISK_LOCK_MERCHANT = 0x52_4b_01;
const RISK_LOCK_RESIDENT = 0x52_4b_02;
const RISK_LOCK_OLD_ITEM = 0x52_4b_03;

/** A device id header arrives as any string a client chooses; it is hashed with the lookup key before storing. */
export function deviceHash(deps: AppDeps, deviceId: string): string {
  return deps.sealer.lookup(`device:${deviceId.trim()}`);
}

/** Reads the `X-Device-Id` header when it is present and sensible (a fingerprint, not a document). */
export function deviceIdFrom(headers: Record<string, string | string[] | undefined>): string | null {
  const raw = headers['x-device-id'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value && value.length >= 4 && value.length <= 200 ? value : null;
}

/**
 * Records the device a resident claimed a voucher on. Called after the claim commits (outside the claim
 * batcher's transaction, so a flash release pays nothing when the header is absent and one insert when present).
 */
export async function recordClaimDevice(deps: AppDeps, userId: number | null, voucherId: number, deviceId: string | null): Promise<void> {
  if (!deviceId) return;
  await deps.database.db
    .insertInto('tradein_device_sightings')
    .values({
      event: 'claim',
      user_id: userId,
      voucher_id: voucherId,
      redemption_id: null,
      device_hash: deviceHash(deps, deviceId),
      created_at: new Date().toISOString(),
    })
    .execute();
}

export async function loadRules(db: Queryable): Promise<Map<RiskRuleCode, LoadedRule>> {
  const rows = await db.selectFrom('tradein_risk_rules').selectAll().execute();
  const out = new Map<RiskRuleCode, LoadedRule>();
  for (const r of rows) {
    if (!RISK_RULE_CODES.includes(r.code)) continue;
    out.set(r.code, {
      code: r.code,
      enabled: r.enabled === 1,
      action: r.action,
      score: r.score,
      version: r.version,
      params: parseRuleParams(r.code, r.params_json),
    });
  }
  return out;
}

/** What the till tells risk control about a sale beyond the redemption row. */
export interface SaleContext {
  /** `X-Device-Id` of the till, when sent. */
  tillDeviceId?: string | null;
  /** Delivery/installation address of the sale, when recorded. */
  deliveryAddress?: string | null;
}

export interface RedemptionFacts {
  id: number;
  voucherId: number;
  programId: number;
  organizationId: number;
  holderUserId: number;
  productId: number;
  priceFen: number;
  createdAt: string;
  oldItemProof: { kind: string; reference: string; attachmentId: number | null } | null;
}

interface Firing {
  code: RiskRuleCode;
  version: number;
  score: number;
  action: RiskRuleAction;
  params: Record<string, string | number>;
}

const since = (at: string, minutes: number) => new Date(new Date(at).getTime() - minutes * 60_000).toISOString();

/** Distinct residents at this merchant who share a signal with this redemption within the window (this one included). */
async function residentsSharing(tx: Tx, f: RedemptionFacts, kind: RiskSignalKind, keyHash: string, windowMinutes: number): Promise<number> {
  const row = await tx
    .selectFrom('tradein_risk_signals')
    .select(sql<number>`count(distinct holder_user_id)`.as('n'))
    .where('organization_id', '=', f.organizationId)
    .where('kind', '=', kind)
    .where('key_hash', '=', keyHash)
    .where('created_at', '>=', since(f.createdAt, windowMinutes))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Scores one redemption inside the redemption's own transaction: records its linking signals, runs every enabled
 * rule, and when any fires writes the flags with their reasons, opens a review (the queue), holds the redemption
 * if a firing rule says so, and audits it. Returns whether the redemption was held.
 *
 * Every sale rung up counts towards the windows, reversed ones included: a return does not hide a burst.
 */
export async function assessRedemption(
  tx: Tx,
  deps: AppDeps,
  ctx: RequestContext,
  f: RedemptionFacts,
  sale: SaleContext = {},
): Promise<{ held: boolean; flags: RiskRuleCode[] }> {
  const rules = await loadRules(tx);
  const rule = <K extends RiskRuleCode>(code: K) => rules.get(code) as LoadedRule<K> | undefined;
  const signals: { kind: RiskSignalKind; key_hash: string; mask: string | null }[] = [];

  // Linking signals are recorded whether or not their rule is on, so switching a rule on sees the past.
  const mobileRule = rule('shared_mobile_prefix');
  const holder = await tx.selectFrom('users').select('mobile_enc').where('id', '=', f.holderUserId).executeTakeFirst();
  let mobileKey: string | null = null;
  if (holder?.mobile_enc && mobileRule) {
    const mobile = deps.sealer.open(holder.mobile_enc);
    const len = mobileRule.params.prefixLength;
    const prefix = mobile.slice(0, len);
    // The prefix length is part of the hashed value: after a change of length old and new never match by accident.
    mobileKey = deps.sealer.lookup(`mobile-prefix:${len}:${prefix}`);
    signals.push({ kind: 'mobile_prefix', key_hash: mobileKey, mask: `${prefix}${'*'.repeat(Math.max(0, 11 - len))}` });
  }
  const claimDevice = await tx
    .selectFrom('tradein_device_sightings')
    .select('device_hash')
    .where('voucher_id', '=', f.voucherId)
    .where('event', '=', 'claim')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (claimDevice) signals.push({ kind: 'device', key_hash: claimDevice.device_hash, mask: `${claimDevice.device_hash.slice(0, 8)}…` });
  const address = sale.deliveryAddress ? normaliseAddress(sale.deliveryAddress) : '';
  const addressKey = address ? deps.sealer.lookup(`address:${address}`) : null;
  if (addressKey) signals.push({ kind: 'address', key_hash: addressKey, mask: maskStart(address, 6) });
  const proofKeys: string[] = [];
  if (f.oldItemProof) {
    const ref = f.oldItemProof.reference.toUpperCase().replace(/[\s\-_/.]/g, '');
    proofKeys.push(deps.sealer.lookup(`old-item:${f.oldItemProof.kind}:${ref}`));
    if (f.oldItemProof.attachmentId !== null) proofKeys.push(deps.sealer.lookup(`old-item-photo:${f.oldItemProof.attachmentId}`));
    for (const k of proofKeys) signals.push({ kind: 'old_item_proof', key_hash: k, mask: f.oldItemProof.reference });
  }
  if (signals.length)
    await tx
      .insertInto('tradein_risk_signals')
      .values(signals.map((s) => ({ ...s, redemption_id: f.id, organization_id: f.organizationId, holder_user_id: f.holderUserId, created_at: f.createdAt })))
      .execute();
  if (sale.tillDeviceId)
    await tx
      .insertInto('tradein_device_sightings')
      .values({
        event: 'redemption',
        user_id: ctx.actor.userId,
        voucher_id: f.voucherId,
        redemption_id: f.id,
        device_hash: deviceHash(deps, sale.tillDeviceId),
        created_at: f.createdAt,
      })
      .execute();

  const fired: Firing[] = [];
  const fire = (r: LoadedRule, params: Record<string, string | number>) =>
    fired.push({ code: r.code, version: r.version, score: r.score, action: r.action, params });
  const on = <K extends RiskRuleCode>(code: K): LoadedRule<K> | null => {
    const r = rule(code);
    return r && r.enabled ? r : null;
  };

  const markup = on('price_markup');
  if (markup) {
    const product = await tx.selectFrom('tradein_products').select('reference_price_fen').where('id', '=', f.productId).executeTakeFirstOrThrow();
    const reference = Number(product.reference_price_fen);
    const bp = priceMarkup(f.priceFen, reference, markup.params.marginBp);
    if (bp !== null) fire(markup, { price: yuan(f.priceFen), reference: yuan(reference), markup: percent(bp), margin: percent(markup.params.marginBp) });
  }

  const sharing: [RiskRuleCode & ('shared_mobile_prefix' | 'shared_device' | 'shared_address'), RiskSignalKind, string | null][] = [
    ['shared_mobile_prefix', 'mobile_prefix', mobileKey],
    ['shared_device', 'device', claimDevice?.device_hash ?? null],
    ['shared_address', 'address', addressKey],
  ];
  for (const [code, kind, key] of sharing) {
    const r = on(code);
    if (!r || !key) continue;
    const p = r.params as RuleParams['shared_device'];
    const n = await residentsSharing(tx, f, kind, key, p.windowMinutes);
    if (n >= p.minResidents) fire(r, { residents: n, minutes: p.windowMinutes, value: signals.find((s) => s.kind === kind)?.mask ?? '' });
  }

  const burst = on('merchant_burst');
  if (burst) {
    const row = await tx
      .selectFrom('tradein_redemptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', f.organizationId)
      .where('created_at', '>=', since(f.createdAt, burst.params.windowMinutes))
      .where('created_at', '<=', f.createdAt)
      .executeTakeFirst();
    const n = Number(row?.n ?? 0);
    if (n >= burst.params.count) fire(burst, { count: n, minutes: burst.params.windowMinutes });
  }

  const reuse = on('old_item_proof_reuse');
  if (reuse && proofKeys.length) {
    const others = await tx
      .selectFrom('tradein_risk_signals as s')
      .innerJoin('tradein_redemptions as r', 'r.id', 's.redemption_id')
      .select('s.redemption_id')
      .distinct()
      .where('s.kind', '=', 'old_item_proof')
      .where('s.key_hash', 'in', proofKeys)
      .where('s.redemption_id', '!=', f.id)
      // A returned sale gives its old item back to the customer: using it again is not a second use.
      .where('r.status', '!=', 'reversed')
      .orderBy('s.redemption_id')
      .limit(5)
      .execute();
    if (others.length) fire(reuse, { reference: f.oldItemProof?.reference ?? '', redemptions: others.map((o) => `#${Number(o.redemption_id)}`).join(', ') });
  }

  const hopping = on('resident_merchant_hopping');
  if (hopping) {
    const row = await tx
      .selectFrom('tradein_redemptions')
      .select(sql<number>`count(distinct organization_id)`.as('n'))
      .where('holder_user_id', '=', f.holderUserId)
      .where('created_at', '>=', since(f.createdAt, hopping.params.windowMinutes))
      .where('created_at', '<=', f.createdAt)
      .executeTakeFirst();
    const n = Number(row?.n ?? 0);
    if (n >= hopping.params.minMerchants) fire(hopping, { merchants: n, minutes: hopping.params.windowMinutes });
  }

  if (!fired.length) return { held: false, flags: [] };
  const held = fired.some((x) => x.action === 'hold');
  const score = fired.reduce((s, x) => s + x.score, 0);
  await tx
    .insertInto('tradein_risk_flags')
    .values(
      fired.map((x) => ({
        redemption_id: f.id,
        holder_user_id: f.holderUserId,
        rule_code: x.code,
        rule_version: x.version,
        score: x.score,
        reason_key: `risk.reason.${x.code}`,
        params_json: JSON.stringify(x.params),
        created_at: f.createdAt,
      })),
    )
    .execute();
  await tx
    .insertInto('tradein_risk_reviews')
    .values({
      redemption_id: f.id,
      holder_user_id: f.holderUserId,
      program_id: f.programId,
      organization_id: f.organizationId,
      status: held ? 'held' : 'open',
      score,
      flagged_at: f.createdAt,
      decided_by: null,
      decided_at: null,
      note: null,
      updated_at: f.createdAt,
    })
    .execute();
  if (held) await tx.updateTable('tradein_redemptions').set({ status: 'held', updated_at: f.createdAt }).where('id', '=', f.id).execute();
  await appendAudit(tx, ctx, {
    entity: 'tradein_redemption',
    entityId: f.id,
    action: 'risk_flag',
    after: { score, held, flags: fired.map((x) => ({ rule: x.code, version: x.version, params: x.params })) },
  });
  return { held, flags: fired.map((x) => x.code) };
}
