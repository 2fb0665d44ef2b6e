import { z } from 'zod';
import { fenToYuan } from '../../../../shared/money.js';
import type { RiskRuleAction, RiskRuleCode } from '../tables.js';

/**
 * The explainable risk rules that score every redemption. Each rule is code (what it looks at) plus configuration data (its thresholds,
 * whether it is on, what it does when it fires, how much it weighs), kept in tradein_risk_rules with every past
 * version in tradein_risk_rule_versions. The thresholds shipped here are only the defaults the migration seeds:
 * the office and 市商务局 tune them without a release.
 */

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 90);
const residents = z.number().int().min(2).max(1000);

export const ruleParamsSchemas = {
  /** 先涨价后打折: the sale price is more than `marginBp` basis points above the catalogue reference price. */
  price_markup: z.object({ marginBp: z.number().int().min(0).max(100_000) }).strict(),
  /**
   * Residents whose mobile numbers share the first `prefixLength` digits redeem at one merchant within the window.
   * Nine digits is a block of 100 consecutive numbers: what a scalper buys SIM cards in. Seven digits (号段 + area)
   * would be shared by half the city, so do not go that low.
   */
  shared_mobile_prefix: z.object({ prefixLength: z.number().int().min(7).max(11), windowMinutes: minutes, minResidents: residents }).strict(),
  /** Residents whose vouchers were claimed on one device (`X-Device-Id` at the claim) redeem at one merchant. */
  shared_device: z.object({ windowMinutes: minutes, minResidents: residents }).strict(),
  /**
   * Residents whose purchases are delivered to one address redeem at one merchant. Residents have no address on
   * the platform, so this uses the delivery/installation address the till records with the sale, when it does.
   */
  shared_address: z.object({ windowMinutes: minutes, minResidents: residents }).strict(),
  /** One merchant rings up `count` or more redemptions within `windowMinutes`. */
  merchant_burst: z.object({ windowMinutes: minutes, count: z.number().int().min(2).max(100_000) }).strict(),
  /** The same old-item proof (reference or photo) backs a second live redemption. */
  old_item_proof_reuse: z.object({}).strict(),
  /** One resident redeems at `minMerchants` or more different merchants within `windowMinutes`. */
  resident_merchant_hopping: z.object({ windowMinutes: minutes, minMerchants: z.number().int().min(2).max(100) }).strict(),
} satisfies Record<RiskRuleCode, z.ZodType>;

export type RuleParams = { [K in RiskRuleCode]: z.infer<(typeof ruleParamsSchemas)[K]> };

export const RISK_RULE_CODES = Object.keys(ruleParamsSchemas) as RiskRuleCode[];
export const RISK_RULE_ACTIONS = ['review', 'hold'] as const satisfies readonly RiskRuleAction[];

export interface RuleDefault<K extends RiskRuleCode = RiskRuleCode> {
  code: K;
  action: RiskRuleAction;
  score: number;
  params: RuleParams[K];
}

/** Shipped defaults (seeded by migration 0210 as version 1). A reused old-item proof is held at once. */
export const DEFAULT_RISK_RULES: RuleDefault[] = [
  { code: 'price_markup', action: 'review', score: 40, params: { marginBp: 1000 } },
  { code: 'shared_mobile_prefix', action: 'review', score: 30, params: { prefixLength: 9, windowMinutes: 1440, minResidents: 3 } },
  { code: 'shared_device', action: 'review', score: 40, params: { windowMinutes: 1440, minResidents: 2 } },
  { code: 'shared_address', action: 'review', score: 30, params: { windowMinutes: 7 * 1440, minResidents: 3 } },
  { code: 'merchant_burst', action: 'review', score: 20, params: { windowMinutes: 10, count: 20 } },
  { code: 'old_item_proof_reuse', action: 'hold', score: 60, params: {} },
  { code: 'resident_merchant_hopping', action: 'review', score: 30, params: { windowMinutes: 60, minMerchants: 3 } },
];

/** A rule as loaded from its table, parameters parsed and checked against the rule's schema. */
export interface LoadedRule<K extends RiskRuleCode = RiskRuleCode> {
  code: K;
  enabled: boolean;
  action: RiskRuleAction;
  score: number;
  version: number;
  params: RuleParams[K];
}

export function parseRuleParams<K extends RiskRuleCode>(code: K, json: string): RuleParams[K] {
  return ruleParamsSchemas[code].parse(JSON.parse(json)) as RuleParams[K];
}

/** Fen as 元 with two decimals and thousands separators, for reasons a reviewer reads. */
export const yuan = (fen: number): string => fenToYuan(fen);

/** Basis points as a percentage with up to two decimals (1050 → "10.5"). */
export function percent(bp: number): string {
  return (bp / 100).toFixed(2).replace(/\.?0+$/, '');
}

/**
 * 先涨价后打折, as pure arithmetic: does the price exceed the reference by more than the margin? Integer-only:
 * price × 10 000 > reference × (10 000 + margin). Returns the markup in basis points when it fires.
 */
export function priceMarkup(priceFen: number, referenceFen: number, marginBp: number): number | null {
  if (referenceFen <= 0) return null;
  if (priceFen * 10_000 <= referenceFen * (10_000 + marginBp)) return null;
  return Math.floor(((priceFen - referenceFen) * 10_000) / referenceFen);
}

/** Addresses compare without spaces, punctuation, full-width forms or case: 示范路1号 = 示范路 １ 号. */
export function normaliseAddress(address: string): string {
  return address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** What a reviewer sees of a linking value: enough to recognise it, not enough to use it. */
export function maskStart(value: string, shown: number): string {
  const chars = [...value];
  return chars.length <= shown ? `${chars.slice(0, 1).join('')}***` : `${chars.slice(0, shown).join('')}***`;
}
