import { z } from 'zod';
import { RECYCLING_APPLIANCE_CATEGORIES } from '../../../../shared/enums/recycling.js';
import { INTAKE_MATERIALS, INTAKE_SORTS, INTAKE_SOURCES, INTAKE_STATUSES, REVERSE_INVOICE_STATUSES } from '../../../../shared/enums/recyclingIntake.js';
import { zCitizenId, zCreditCode } from '../../../../shared/zodFields.js';
import { listQuery, pageQuery, positiveId } from '../../../http/schema.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'field.recycling.intakeMonth');
const text = (max: number) => z.string().trim().min(1).max(max);

export const recordIntakeBody = z
  .object({
    siteId: z.number().int().positive(),
    material: z.enum(INTAKE_MATERIALS),
    applianceCategory: z.enum(RECYCLING_APPLIANCE_CATEGORIES).optional().describe('Appliances only'),
    source: z.enum(INTAKE_SOURCES),
    productionScrap: z.boolean().default(false).describe('Steel or non-ferrous production scrap from an enterprise: its contact is kept'),
    weightKg: z.number().positive().max(1_000_000).optional().describe('Every material but appliances'),
    units: z.number().int().min(1).max(10_000).optional().describe('Appliances only'),
    priceFen: z.number().int().min(0).max(1_000_000_000).meta({ description: 'What the recycler paid, VAT included (价税合计), in fen' }),
    takenInOn: z.iso.date().describe('Asia/Shanghai date; not in the future, at most 31 days back'),
    seller: z
      .object({
        name: text(100),
        creditCode: zCreditCode().optional().describe('Enterprise sellers'),
        idNumber: zCitizenId().optional().describe('Individual sellers: sealed, shown masked'),
        contactName: text(60).optional(),
        contactPhone: z
          .string()
          .trim()
          .regex(/^[0-9+\-\s]{7,20}$/, 'field.recycling.intakePhone')
          .optional(),
      })
      .strict(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type RecordIntakeInput = z.infer<typeof recordIntakeBody>;

export const voidBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

export const intakeListQuery = listQuery(INTAKE_SORTS).extend({
  siteId: positiveId.optional(),
  recyclerId: positiveId.optional().describe('Officials only: one recycler'),
  material: z.enum(INTAKE_MATERIALS).optional(),
  source: z.enum(INTAKE_SOURCES).optional(),
  status: z.enum(INTAKE_STATUSES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  month: month.optional(),
});
export type IntakeListQuery = z.infer<typeof intakeListQuery>;

export const invoiceListQuery = pageQuery.extend({
  month,
  recyclerId: positiveId.optional().describe('Officials: one recycler (all when absent); recyclers: ignored'),
  status: z.enum(REVERSE_INVOICE_STATUSES).optional(),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuery>;

export const exportQuery = z.object({ month, recyclerId: positiveId.optional().describe('Required for officials') });

export const intakeView = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  siteName: z.string(),
  recyclerOrganizationId: z.number().int(),
  recyclerName: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  material: z.enum(INTAKE_MATERIALS),
  applianceCategory: z.string().nullable(),
  source: z.enum(INTAKE_SOURCES),
  productionScrap: z.boolean(),
  weightKg: z.number().nullable(),
  units: z.number().int().nullable(),
  priceFen: z.number().int(),
  takenInOn: z.string(),
  sellerName: z.string(),
  sellerCreditCode: z.string().nullable(),
  /** Masked (3505**********1234); the full number is never returned. */
  sellerIdMask: z.string().nullable(),
  sellerContactName: z.string().nullable(),
  sellerContactPhoneMask: z.string().nullable(),
  keepUntil: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(INTAKE_STATUSES),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  reverseInvoiceId: z.number().int().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  canVoid: z.boolean(),
});
export type IntakeView = z.infer<typeof intakeView>;

export const invoiceView = z.object({
  id: z.number().int(),
  intakeId: z.number().int(),
  recyclerOrganizationId: z.number().int(),
  recyclerName: z.string(),
  sellerName: z.string(),
  sellerIdMask: z.string(),
  issuedOn: z.string(),
  priceFen: z.number().int(),
  amountFen: z.number().int(),
  vatFen: z.number().int(),
  incomeTaxFen: z.number().int(),
  netPaidFen: z.number().int(),
  vatRateBp: z.number().int(),
  incomeTaxRateBp: z.number().int(),
  yearTotalFen: z.number().int(),
  status: z.enum(REVERSE_INVOICE_STATUSES),
});
export type InvoiceView = z.infer<typeof invoiceView>;

export const intakeDetailView = intakeView.extend({ reverseInvoice: invoiceView.nullable() });

const totals = z.object({
  count: z.number().int(),
  priceFen: z.number().int(),
  amountFen: z.number().int(),
  vatFen: z.number().int(),
  incomeTaxFen: z.number().int(),
});
export const invoicePageView = z.object({
  items: z.array(invoiceView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Of the issued (non-void) invoices of the month and filter, every page. */
  totals,
});
export type InvoicePage = z.infer<typeof invoicePageView>;

/** Sites the recycler may record at (operating, operated by it), and the recyclers officials may filter by. */
export const intakeOptionsView = z.object({
  sites: z.array(z.object({ id: z.number().int(), name: z.string(), townName: z.string() })),
  recyclers: z.array(z.object({ id: z.number().int(), name: z.string() })),
  rates: z.object({ vatRateBp: z.number().int(), incomeTaxRateBp: z.number().int(), annualLimitYuan: z.number().int() }),
});
export type IntakeOptions = z.infer<typeof intakeOptionsView>;
