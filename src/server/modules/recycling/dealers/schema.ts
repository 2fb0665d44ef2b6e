import { z } from 'zod';
import { listQuery, pageOf, pageQuery, positiveId } from '../../../http/schema.js';
import { zCreditCode, zMobile, zVin } from '../../../../shared/zodFields.js';
import {
  CREDIT_GRADES,
  DEALER_KINDS,
  DEALER_STATUSES,
  PLATE_REGION_PATTERN,
  VIOLATION_STATUSES,
  VIOLATION_TYPES,
} from '../../../../shared/enums/recyclingDealers.js';
import { creditRulesSchema } from './rules.js';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
export const dealerKindField = z.enum(DEALER_KINDS).describe('cars 二手车, appliances 家用电器, furniture 家具, other 其他');
export const dealerStatusField = z.enum(DEALER_STATUSES).describe('active ⇄ suspended → deregistered');
export const violationTypeField = z.enum(VIOLATION_TYPES);
const plateRegion = z.string().trim().regex(PLATE_REGION_PATTERN).describe('The plate’s region only, e.g. 闽C');

export const DEALER_MOVES = ['suspend', 'reinstate', 'deregister'] as const;
export type DealerMove = (typeof DEALER_MOVES)[number];
export const DEALER_ACTIONS = ['update', 'recordTrade', 'recordViolation', ...DEALER_MOVES] as const;

export const dealerInput = z
  .object({
    name: text(100),
    creditCode: zCreditCode().describe('统一社会信用代码 (GB 32100); unique'),
    kinds: z.array(dealerKindField).min(1).max(4),
    townId: positiveId,
    address: text(200),
    contactName: text(50),
    contactMobile: zMobile().optional().describe('Sealed at rest and masked in every answer; on an update, omit to keep it'),
    licenceNumber: z.string().trim().max(60).nullable().default(null),
    organizationId: positiveId.nullable().default(null).describe('The enterprise whose accounts record the dealer’s own trades'),
    registeredOn: date.optional().describe('Default today'),
  })
  .strict();
export type DealerInput = z.infer<typeof dealerInput>;
export const updateDealerBody = dealerInput.extend({ version: z.number().int().positive() });
export type UpdateDealerInput = z.infer<typeof updateDealerBody>;
export const moveDealerBody = z.object({ action: z.enum(DEALER_MOVES), note: z.string().trim().max(500).optional() }).strict();

export const gradeView = z.object({
  grade: z.enum(CREDIT_GRADES),
  points: z.number().int(),
  counted: z.number().int(),
  ruleVersion: z.number().int().describe('The rule set version that produced the grade'),
  asOf: z.string(),
});

export const dealerView = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  kinds: z.array(dealerKindField),
  townId: z.number().int(),
  townName: z.string(),
  address: z.string(),
  contactName: z.string(),
  contactMobile: z.string().describe('Masked (138****1234)'),
  licenceNumber: z.string().nullable(),
  organizationId: z.number().int().nullable(),
  organizationName: z.string().nullable(),
  registeredOn: z.string(),
  status: dealerStatusField,
  statusSince: z.string(),
  version: z.number().int(),
  isDemo: z.boolean(),
  grade: gradeView,
  actions: z.array(z.enum(DEALER_ACTIONS)),
});
export type DealerView = z.infer<typeof dealerView>;
export const dealerDetailView = dealerView.extend({
  history: z.array(z.object({ at: z.string(), action: z.string(), from: dealerStatusField.nullable(), to: dealerStatusField, note: z.string().nullable() })),
  tradeCounts: z.object({ total: z.number().int(), usedCars: z.number().int(), crossRegion: z.number().int(), export: z.number().int() }),
});
export type DealerDetailView = z.infer<typeof dealerDetailView>;

export const DEALER_SORTS = ['name', 'registeredOn', 'statusSince'] as const;
export const listDealersQuery = listQuery(DEALER_SORTS).extend({
  kind: dealerKindField.optional(),
  status: dealerStatusField.optional(),
  townId: positiveId.optional(),
});
export type ListDealersQuery = z.infer<typeof listDealersQuery>;
export const dealerPage = pageOf(dealerView);
export const organizationOptions = z.array(z.object({ organizationId: z.number().int(), name: z.string() }));
export const organizationOptionsQuery = z.object({ q: z.string().trim().max(100).optional() });

// Trades ------------------------------------------------------------------------------------------------------

export const tradeInput = z
  .object({
    dealerId: positiveId,
    kind: dealerKindField,
    tradedOn: date,
    description: text(200),
    amountFen: z.number().int().min(0).max(100_000_000_000).describe('In fen'),
    vin: zVin().optional().describe('Used cars: required'),
    plateRegionFrom: plateRegion.optional().describe('Used cars: the region of the plate it had (闽C)'),
    plateRegionTo: plateRegion.optional().describe('Used cars not exported: the region it goes to; another region is a transfer, never refused'),
    export: z.boolean().default(false).describe('二手车转让代出口: sold for export'),
    exportCountry: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .describe('Destination country, ISO 3166-1 alpha-2 (required with export)'),
  })
  .strict();
export type TradeInput = z.infer<typeof tradeInput>;

export const tradeView = z.object({
  id: z.number().int(),
  dealerId: z.number().int(),
  dealerName: z.string(),
  kind: dealerKindField,
  tradedOn: z.string(),
  description: z.string(),
  amountFen: z.number().int(),
  vin: z.string().nullable(),
  plateRegionFrom: z.string().nullable(),
  plateRegionTo: z.string().nullable(),
  crossRegion: z.boolean(),
  export: z.boolean(),
  exportCountry: z.string().nullable(),
  recordedByUnit: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type TradeView = z.infer<typeof tradeView>;
export const listTradesQuery = pageQuery.extend({
  dealerId: positiveId.optional(),
  kind: dealerKindField.optional(),
  from: date.optional(),
  to: date.optional(),
  crossRegion: z.enum(['1', '0']).optional(),
  export: z.enum(['1', '0']).optional(),
  q: z.string().trim().max(40).optional().describe('VIN or description'),
});
export type ListTradesQuery = z.infer<typeof listTradesQuery>;
export const exportTradesQuery = listTradesQuery.omit({ page: true, pageSize: true });
export type ExportTradesQuery = z.infer<typeof exportTradesQuery>;
export const tradePage = pageOf(tradeView);

// Violations --------------------------------------------------------------------------------------------------

export const violationInput = z
  .object({
    dealerId: positiveId,
    occurredOn: date,
    type: violationTypeField,
    description: text(1000).describe('Written for publication: no names, ID numbers, mobiles, plates or VINs'),
    penaltyText: text(300),
    penaltyFen: z.number().int().min(0).max(100_000_000_000).nullable().default(null),
    evidence: z.array(positiveId).max(10).default([]).describe('Attachment ids uploaded by the recording official'),
    discloseUntil: date.optional().describe('Default: the violation date plus the disclosure period parameter'),
  })
  .strict();
export type ViolationInput = z.infer<typeof violationInput>;
export const revokeBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

const evidenceItem = z.object({ id: z.number().int(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int() });
export const violationView = z.object({
  id: z.number().int(),
  dealerId: z.number().int(),
  dealerName: z.string(),
  creditCode: z.string(),
  occurredOn: z.string(),
  type: violationTypeField,
  description: z.string(),
  penaltyText: z.string(),
  penaltyFen: z.number().int().nullable(),
  issuingUnit: z.string(),
  issuingOrganizationId: z.number().int(),
  status: z.enum(VIOLATION_STATUSES),
  revokedReason: z.string().nullable(),
  revokedAt: z.string().nullable(),
  discloseUntil: z.string(),
  evidence: z.array(evidenceItem).describe('Empty for readers who may not open evidence'),
  mayRevoke: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type ViolationView = z.infer<typeof violationView>;
export const listViolationsQuery = pageQuery.extend({
  dealerId: positiveId.optional(),
  status: z.enum(VIOLATION_STATUSES).optional(),
  type: violationTypeField.optional(),
});
export type ListViolationsQuery = z.infer<typeof listViolationsQuery>;
export const violationPage = pageOf(violationView);

// Rules and the public pages ----------------------------------------------------------------------------------

export const publishRulesBody = creditRulesSchema.extend({
  baseVersion: z.number().int().min(1).describe('The version the rules were edited from (409 VERSION_CONFLICT when stale)'),
  note: z.string().trim().min(2).max(500).describe('What changed and why (published with the version)'),
});
export type PublishRulesInput = z.infer<typeof publishRulesBody>;
export const ruleVersionView = z.object({
  version: z.number().int(),
  rules: creditRulesSchema,
  note: z.string().nullable(),
  publishedBy: z.string().nullable().describe('The publishing unit; null for the platform default (to be confirmed)'),
  publishedAt: z.string(),
  current: z.boolean(),
});
export const ruleHistoryView = z.object({ current: ruleVersionView, versions: z.array(ruleVersionView) });
export type RuleHistoryView = z.infer<typeof ruleHistoryView>;

export const publicQuery = pageQuery.extend({ q: z.string().trim().max(100).optional().describe('Dealer name or credit code') });
export type PublicQuery = z.infer<typeof publicQuery>;
export const publicViolationsQuery = publicQuery.extend({ type: violationTypeField.optional() });
export type PublicViolationsQuery = z.infer<typeof publicViolationsQuery>;
export const publicViolationView = z.object({
  id: z.number().int(),
  dealerName: z.string(),
  creditCode: z.string(),
  type: violationTypeField,
  occurredOn: z.string(),
  description: z.string(),
  penaltyText: z.string(),
  penaltyFen: z.number().int().nullable(),
  issuingUnit: z.string(),
  discloseUntil: z.string(),
  isDemo: z.boolean(),
});
export type PublicViolationView = z.infer<typeof publicViolationView>;
export const publicDealerView = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  kinds: z.array(dealerKindField),
  townName: z.string(),
  status: dealerStatusField,
  grade: gradeView,
  isDemo: z.boolean(),
});
export type PublicDealerView = z.infer<typeof publicDealerView>;
export const publicViolationPage = pageOf(publicViolationView);
export const publicDealerPage = pageOf(publicDealerView);
