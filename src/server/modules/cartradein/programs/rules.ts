import { z } from 'zod';
import { EMISSION_STANDARDS } from '../tables.js';

/**
 * The rule of a car programme, as configuration, not code: which old cars qualify, which new cars qualify,
 * the amount by new-car type and price band, the review and payment deadlines, and the evidence required. A
 * changed rule is a new version (programs/service.ts); an application keeps the version it was assessed under.
 */

/** Kinds of evidence a resident attaches; a programme lists which are required. */
export const EVIDENCE_KINDS = [
  'scrapping_certificate', // 报废机动车回收证明
  'deregistration_certificate', // 机动车注销证明书
  'old_vehicle_registration', // 旧车机动车登记证书/行驶证
  'transfer_record', // 二手车交易发票/转移登记证明
  'new_car_invoice', // 机动车销售统一发票
  'new_vehicle_registration', // 新车机动车行驶证
  'id_card', // 身份证
  'bank_card', // 银行卡
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const date = z.iso.date();
const fen = z.number().int().min(0).max(100_000_000_000);

export const priceBandSchema = z
  .object({
    energyType: z.enum(['nev', 'fuel']).describe('New-car type this band applies to'),
    minPriceFen: fen.describe('Lowest invoice price (fen, inclusive)'),
    maxPriceFen: fen.nullable().describe('Price the band stops at (fen, exclusive); null = no upper bound'),
    amountFen: fen.describe('Subsidy for a car in this band (fen)'),
  })
  .strict();
export type PriceBand = z.infer<typeof priceBandSchema>;

export const carRuleSchema = z
  .object({
    oldCar: z
      .object({
        fuel: z
          .object({ maxEmissionStandard: z.enum(EMISSION_STANDARDS).describe('Fuel cars of this standard or older qualify (国三 = guo3)') })
          .strict()
          .nullable()
          .describe('Old fuel cars qualify under these conditions; null = old fuel cars do not qualify'),
        nev: z
          .object({ registeredOnOrBefore: date.nullable().describe('First registered on or before this date; null = any date') })
          .strict()
          .nullable()
          .describe('Old new-energy cars qualify under these conditions; null = they do not qualify'),
        ownedOnOrBefore: date.nullable().describe('Registered in the applicant’s name on or before this date; null = no condition'),
        disposedOnOrAfter: date.nullable().describe('Deregistered (scrapping) or transferred (replacement) on or after this date; null = no condition'),
      })
      .strict(),
    newCar: z
      .object({
        nev: z.boolean().describe('New-energy new cars qualify'),
        fuel: z
          .object({ maxDisplacementMl: z.number().int().positive().max(10_000).nullable().describe('Largest displacement in ml (2.0 L = 2000); null = any') })
          .strict()
          .nullable()
          .describe('Fuel new cars qualify under these conditions; null = they do not qualify'),
      })
      .strict(),
    amounts: z.array(priceBandSchema).min(1).max(20).describe('Amount by new-car type and price band; scrapping programmes use one open band per type'),
    deadlines: z
      .object({
        reviewWorkingDays: z.number().int().min(1).max(60).describe('市商务局 decides within this many working days of (re)submission'),
        paymentWorkingDays: z.number().int().min(1).max(90).describe('市财政局 pays within this many working days of approval'),
      })
      .strict(),
    evidence: z.array(z.enum(EVIDENCE_KINDS)).max(EVIDENCE_KINDS.length).describe('Evidence kinds every application must attach'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    rule.amounts.forEach((b, i) => {
      if (b.maxPriceFen !== null && b.maxPriceFen <= b.minPriceFen)
        ctx.addIssue({ code: 'custom', path: ['amounts', i, 'maxPriceFen'], message: 'field.cartradein.bandOrder' });
      rule.amounts.forEach((o, j) => {
        if (j <= i || o.energyType !== b.energyType) return;
        const overlaps = (o.maxPriceFen === null || b.minPriceFen < o.maxPriceFen) && (b.maxPriceFen === null || o.minPriceFen < b.maxPriceFen);
        if (overlaps) ctx.addIssue({ code: 'custom', path: ['amounts', j], message: 'field.cartradein.bandOverlap' });
      });
    });
    if (new Set(rule.evidence).size !== rule.evidence.length)
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'field.cartradein.duplicateEvidence' });
  });
export type CarRule = z.infer<typeof carRuleSchema>;

export function parseCarRule(json: string): CarRule {
  return carRuleSchema.parse(JSON.parse(json));
}

/** The band an invoice price falls in for a new-car type, if any. */
export function bandFor(rule: CarRule, energyType: 'nev' | 'fuel', priceFen: number): PriceBand | undefined {
  return rule.amounts.find((b) => b.energyType === energyType && priceFen >= b.minPriceFen && (b.maxPriceFen === null || priceFen < b.maxPriceFen));
}
