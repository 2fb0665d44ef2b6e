import { z } from 'zod';
import { idParams, listQuery, pageOf, positiveId } from '../../../http/schema.js';
import { zBankAccount, zInvoiceNumber, zVin } from '../../../../shared/zodFields.js';
import { EVIDENCE_KINDS } from '../programs/rules.js';
import { CAR_APPLICATION_STATUSES, EMISSION_STANDARDS } from '../tables.js';
import { CAR_PROGRAM_KINDS } from '../programs/schema.js';

const date = z.iso.date();
const energyType = z.enum(['fuel', 'nev']).describe('fuel = 燃油; nev = 新能源 (battery-electric, plug-in hybrid, fuel cell)');
/** 京A12345, 闽C·D12345 (new-energy plates have 6 characters after the letter); the dot is optional. */
const PLATE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}$/;
const plate = z
  .string()
  .transform((s) => s.replace(/[\s·.]/g, '').toUpperCase())
  .refine((s) => PLATE.test(s), { message: 'field.cartradein.plate' })
  .meta({ example: '闽C12345' });

export const oldVehicleInput = z
  .object({
    vin: zVin().describe('17 characters; the check digit (9th) is verified'),
    plate,
    registeredOn: date.describe('First registration date (初次登记日期)'),
    ownedSince: date.describe('Date the car was registered in the applicant’s name'),
    energyType,
    emissionStandard: z.enum(EMISSION_STANDARDS).nullable().optional().describe('Required for fuel cars: guo0 (before 国一) … guo6'),
  })
  .strict();

export const scrappingInput = z
  .object({
    certificateNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{6,40}$/)
      .describe('报废机动车回收证明 number'),
    deregisteredOn: date.describe('Deregistration date (机动车注销日期)'),
  })
  .strict();

export const transferInput = z
  .object({
    recordNumber: z.string().trim().min(4).max(40).describe('二手车交易发票 / 转移登记 record number'),
    transferredOn: date.describe('Date the old car was transferred to its buyer'),
  })
  .strict();

export const newVehicleInput = z
  .object({
    vin: zVin(),
    invoiceNumber: zInvoiceNumber().describe('机动车销售统一发票 number (数电发票, 20 digits)'),
    invoiceDate: date,
    priceFen: z.number().int().positive().max(100_000_000_000).describe('Invoice price including tax, integer fen'),
    energyType,
    displacementMl: z.number().int().positive().max(10_000).nullable().optional().describe('Required for fuel cars: displacement in ml (2.0 L = 2000)'),
  })
  .strict();

export const bankInput = z
  .object({
    bankName: z.string().trim().min(2).max(60).describe('开户银行'),
    accountName: z.string().trim().min(2).max(60).describe('户名 (the applicant)'),
    account: zBankAccount().describe('Stored encrypted; shown masked'),
  })
  .strict();

export const evidenceInput = z
  .object({
    attachmentId: z.number().int().positive().describe('Id returned by POST /api/attachments, uploaded by the applicant'),
    kind: z.enum(EVIDENCE_KINDS),
  })
  .strict();

const applicationFields = {
  townId: z.number().int().positive().describe('The applicant’s town, subdistrict or the development zone (GET /api/towns)'),
  oldVehicle: oldVehicleInput,
  scrapping: scrappingInput.optional().describe('Required for scrapping programmes'),
  transfer: transferInput.optional().describe('Required for replacement programmes'),
  newVehicle: newVehicleInput,
  bank: bankInput,
  evidence: z.array(evidenceInput).max(20).default([]),
};

export const submitCarApplicationBody = z.object({ programId: z.number().int().positive(), ...applicationFields }).strict();
export type SubmitCarApplicationInput = z.infer<typeof submitCarApplicationBody>;

/** The resident's correction of a returned application: every field again (same programme). */
export const resubmitCarApplicationBody = z.object(applicationFields).strict();
export type ResubmitCarApplicationInput = z.infer<typeof resubmitCarApplicationBody>;

/** The form's pre-check: the same fields, bank details and evidence optional, nothing written. */
export const precheckCarApplicationBody = z
  .object({ ...applicationFields, programId: z.number().int().positive(), bank: bankInput.optional(), townId: applicationFields.townId.optional() })
  .strict();
export type PrecheckCarApplicationInput = z.infer<typeof precheckCarApplicationBody>;

export const approveBody = z
  .object({
    note: z.string().trim().max(500).optional(),
    certificateConfirmed: z.boolean().optional().describe('Required (true) when the scrapping certificate is unverified: the reviewer checked it by hand'),
  })
  .strict();
export const reasonsBody = z
  .object({ reasons: z.array(z.string().trim().min(2).max(300)).min(1).max(20).describe('Each reason the resident is shown, in the reviewer’s words') })
  .strict();

export const reasonView = z.object({
  code: z.string().describe('Failed rule, e.g. oldFuelEmission'),
  message: z.string().describe('The rule in the caller’s language'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export const eligibilityView = z.object({
  eligible: z.boolean(),
  reasons: z.array(reasonView).describe('Every failed rule; empty when eligible'),
  amountFen: z.number().int().describe('Subsidy in integer fen; 0 when not eligible'),
});

const deadlineView = z.object({
  dueOn: z.string().nullable().describe('Last day allowed (Asia/Shanghai), counted in working days'),
  done: z.boolean(),
  overdue: z.boolean(),
});

export const timelineEntryView = z.object({
  at: z.string(),
  action: z.string().describe('submit, resubmit, approve, return, reject, addToBatch, cancelBatch, markPaid'),
  fromStatus: z.enum(CAR_APPLICATION_STATUSES).nullable(),
  toStatus: z.enum(CAR_APPLICATION_STATUSES),
  actorRole: z.string().nullable(),
  reasons: z.array(z.string()),
  note: z.string().nullable(),
});

export const carApplicationSummaryView = z.object({
  id: z.number().int(),
  programId: z.number().int(),
  programName: z.string(),
  kind: z.enum(CAR_PROGRAM_KINDS),
  status: z.enum(CAR_APPLICATION_STATUSES),
  applicantName: z.string(),
  townId: z.number().int().nullable().describe('Null for applications made before the town was asked'),
  townName: z.string().nullable().describe('Null when the town is unknown'),
  oldVin: z.string(),
  oldPlate: z.string(),
  newVin: z.string(),
  newEnergyType: energyType,
  newPriceFen: z.number().int(),
  eligible: z.boolean(),
  amountFen: z.number().int(),
  certificateCheck: z.enum(['verified', 'mismatch', 'unverified', 'confirmed', 'not_applicable']),
  submittedAt: z.string(),
  reviewDueOn: z.string(),
  paymentDueOn: z.string().nullable(),
  paymentBatchId: z.number().int().nullable(),
});
export type CarApplicationSummary = z.infer<typeof carApplicationSummaryView>;

export const carApplicationView = carApplicationSummaryView.extend({
  ruleVersionId: z.number().int(),
  oldVehicle: z.object({
    vin: z.string(),
    plate: z.string(),
    registeredOn: z.string(),
    ownedSince: z.string(),
    energyType,
    emissionStandard: z.enum(EMISSION_STANDARDS).nullable(),
  }),
  scrapping: z.object({ certificateNumber: z.string(), deregisteredOn: z.string() }).nullable(),
  transfer: z.object({ recordNumber: z.string(), transferredOn: z.string() }).nullable(),
  newVehicle: z.object({
    vin: z.string(),
    invoiceNumber: z.string(),
    invoiceDate: z.string(),
    priceFen: z.number().int(),
    energyType,
    displacementMl: z.number().int().nullable(),
  }),
  bank: z.object({ bankName: z.string(), accountName: z.string(), account: z.string().describe('Masked: **** **** **** 1234') }),
  evidence: z.array(
    z.object({
      attachmentId: z.number().int(),
      kind: z.string(),
      filename: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int(),
      openedByMe: z.boolean().describe('The caller has opened this file (audit trail)'),
    }),
  ),
  eligibility: eligibilityView,
  certificate: z.object({
    status: z.enum(['verified', 'mismatch', 'unverified', 'confirmed', 'not_applicable']),
    source: z.string().nullable().describe('Who vouched: a verifier name, manual, or reviewer:<userId>'),
    note: z.string().nullable(),
    needsManualConfirmation: z.boolean().describe('True while a reviewer must confirm the certificate by hand before approving'),
    openedByMe: z.boolean().describe('The caller has opened every scrapping-certificate file (required before confirming by hand)'),
  }),
  deadlines: z.object({ review: deadlineView, payment: deadlineView }),
  payment: z.object({ batchId: z.number().int().nullable(), reference: z.string().nullable(), paidAt: z.string().nullable() }),
  approvedAt: z.string().nullable(),
  resubmissions: z.number().int(),
  timeline: z.array(timelineEntryView),
  allowedActions: z.array(z.string()).describe('What the caller may do now: resubmit, approve, return, reject'),
});
export type CarApplicationView = z.infer<typeof carApplicationView>;

export const listCarApplicationsQuery = listQuery(['id', 'submittedAt', 'reviewDueOn', 'amountFen'] as const).extend({
  status: z.enum(CAR_APPLICATION_STATUSES).optional(),
  programId: z.coerce.number().int().positive().optional(),
  kind: z.enum(CAR_PROGRAM_KINDS).optional(),
  eligible: z.enum(['true', 'false']).optional(),
  townId: z
    .union([z.literal('unknown'), z.coerce.number().int().positive()])
    .optional()
    .describe('A town’s id, or unknown for applications made before the town was asked'),
});
export type ListCarApplicationsQuery = z.infer<typeof listCarApplicationsQuery>;
export const carApplicationPage = pageOf(carApplicationSummaryView);

export const overdueItemView = z.object({
  step: z.enum(['review', 'payment']).describe('review: 市商务局 has not decided; payment: 市财政局 has not paid'),
  dueOn: z.string(),
  daysOverdue: z.number().int().describe('Calendar days past the last day allowed'),
  application: carApplicationSummaryView,
});

export const evidenceParams = idParams.extend({ attachmentId: positiveId });
