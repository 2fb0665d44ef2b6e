import { z } from 'zod';
import { listQuery, pageOf, pageQuery, positiveId } from '../../../http/schema.js';
import { FUNDING_QUEUES, FUNDING_SORTS, FUNDING_STATUSES } from '../../../../shared/enums/renewalFunding.js';
import { PROJECT_SECTORS, PROJECT_STATUSES } from '../../../../shared/enums/renewalProjects.js';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
/** Up to 100 亿元 in fen: beyond any one project's application. */
const fen = z.number().int().positive().max(1_000_000_000_000);

export const fundingStatusField = z
  .enum(FUNDING_STATUSES)
  .describe('applied → granted (or rejected) → partially_paid → paid; payments move it, never past the granted amount');

export const loanInput = z
  .object({
    bank: z.string().trim().max(100).optional().describe('The lending bank'),
    principalFen: fen.describe('Loan principal, fen'),
    annualRateBp: z.number().int().min(1).max(3000).describe('Annual loan rate in basis points (3.45% = 345)'),
    subsidyPointsBp: z.number().int().min(1).max(3000).describe('Subsidised percentage points in basis points (1.0 point = 100)'),
    from: date.describe('First day of the subsidised period (counted)'),
    to: date.describe('End of the subsidised period (not counted)'),
  })
  .strict();
export type LoanInput = z.infer<typeof loanInput>;

export const applyBody = z
  .object({
    projectId: z.number().int().positive(),
    source: text(40).describe('A code of the `renewal_funding_source` dictionary'),
    requestedFen: fen.optional().describe('Required, except for a loan interest subsidy (default: the computed subsidy)'),
    appliedOn: date.optional().describe('Asia/Shanghai date, not in the future (default today)'),
    loan: loanInput.optional().describe('Loan interest subsidy (贴息) sources only, and required there'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type ApplyInput = z.infer<typeof applyBody>;

export const grantBody = z
  .object({
    grantedFen: fen.optional().describe('Required, except for a loan interest subsidy (default: the computed subsidy after the cap)'),
    grantedOn: date.optional().describe('Not before the application, not in the future (default today)'),
    grantingOrganizationId: z.number().int().positive().optional().describe('The department that granted it (default: the caller’s)'),
    grantDocument: z.string().trim().max(100).optional().describe('The grant’s document number (文号)'),
    overRequestReason: z.string().trim().min(2).max(500).optional().describe('Required when more is granted than was requested'),
    loan: loanInput.optional().describe('贴息: the loan as the bank confirmed it (default: as applied)'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type GrantInput = z.infer<typeof grantBody>;

export const rejectBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

export const paymentBody = z
  .object({
    amountFen: fen,
    paidOn: date.optional().describe('Not before the grant, not in the future (default today)'),
    reference: text(60).describe('Payment reference (国库集中支付凭证号); unique per application'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type PaymentInput = z.infer<typeof paymentBody>;

export const subsidyQuery = z.object({
  projectId: positiveId.optional().describe('Caps the subsidy by what the project may still receive'),
  excludeApplicationId: positiveId.optional().describe('The application being granted (its own subsidy is not counted against the cap)'),
  principalFen: z.coerce.number().int().positive().max(1_000_000_000_000),
  annualRateBp: z.coerce.number().int().min(1).max(3000),
  subsidyPointsBp: z.coerce.number().int().min(1).max(3000),
  from: date,
  to: date,
});
export type SubsidyQuery = z.infer<typeof subsidyQuery>;

export const subsidyView = z.object({
  days: z.number().int(),
  dayBasis: z.number().int(),
  formulaFen: z.number().int().describe('principal × points × days ÷ basis, half-up to the fen'),
  subsidyFen: z.number().int().describe('After the project’s cap'),
  capped: z.boolean(),
  capFen: z.number().int().nullable().describe('What the project may still receive; null: no cap'),
  formula: z.string().describe('The computation in the caller’s language'),
});
export type SubsidyView = z.infer<typeof subsidyView>;

const loanView = z.object({
  bank: z.string().nullable(),
  principalFen: z.number().int(),
  annualRateBp: z.number().int(),
  subsidyPointsBp: z.number().int(),
  from: z.string(),
  to: z.string(),
});

export const FUNDING_ACTIONS = ['grant', 'reject', 'pay'] as const;

export const applicationView = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  sector: z.enum(PROJECT_SECTORS),
  source: z.string(),
  status: fundingStatusField,
  requestedFen: z.number().int(),
  grantedFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  appliedOn: z.string(),
  grantedOn: z.string().nullable(),
  grantingOrganizationId: z.number().int().nullable(),
  grantingOrganizationName: z.string().nullable(),
  grantDocument: z.string().nullable(),
  overRequestReason: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  note: z.string().nullable(),
  loan: loanView.nullable(),
  /** As granted (the basis and figure of the grant), or as it would be computed now while applied. */
  subsidy: subsidyView.nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  actions: z.array(z.enum(FUNDING_ACTIONS)).describe('What the caller may do to it now'),
});
export type ApplicationView = z.infer<typeof applicationView>;

export const paymentView = z.object({
  id: z.number().int(),
  paidOn: z.string(),
  amountFen: z.number().int(),
  reference: z.string(),
  note: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});

export const applicationDetailView = applicationView.extend({
  payments: z.array(paymentView),
  history: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      from: fundingStatusField.nullable(),
      to: fundingStatusField,
      actorRole: z.string().nullable(),
      note: z.string().nullable(),
      params: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type ApplicationDetailView = z.infer<typeof applicationDetailView>;

export const listApplicationsQuery = listQuery(FUNDING_SORTS).extend({
  projectId: positiveId.optional(),
  source: z.string().trim().max(40).optional(),
  status: fundingStatusField.optional(),
  queue: z.enum(FUNDING_QUEUES).optional().describe('grant: applied; pay: granted or partly paid'),
  townId: positiveId.optional(),
  sector: z.enum(PROJECT_SECTORS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Year of the application date'),
});
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;
export const applicationPage = pageOf(applicationView);

export const fundingProjectsQuery = pageQuery.extend({ q: z.string().trim().max(100).optional() });
export type FundingProjectsQuery = z.infer<typeof fundingProjectsQuery>;
export const fundingProjectView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  organizationName: z.string(),
  townName: z.string(),
  sector: z.enum(PROJECT_SECTORS),
  status: z.enum(PROJECT_STATUSES),
  year: z.number().int(),
  plannedInvestmentFen: z.number().int(),
  applications: z.number().int(),
  requestedFen: z.number().int(),
  grantedFen: z.number().int(),
  paidFen: z.number().int(),
  mayApply: z.boolean().describe('In the project library (or later): funding may be applied for'),
  isDemo: z.boolean(),
});
export type FundingProjectView = z.infer<typeof fundingProjectView>;
export const fundingProjectPage = pageOf(fundingProjectView);

export const fundingOptionsView = z.object({
  grantingUnits: z.array(z.object({ id: z.number().int(), name: z.string() })),
  dayBasis: z.number().int(),
  capFen: z.number().int().nullable(),
});

const figures = {
  count: z.number().int(),
  requestedFen: z.number().int(),
  grantedFen: z.number().int(),
  paidFen: z.number().int(),
};
export const overviewView = z.object({
  totals: z.object(figures),
  bySource: z.array(z.object({ source: z.string(), label: z.string(), ...figures })),
  byYear: z
    .array(z.object({ year: z.number().int(), source: z.string(), grantedFen: z.number().int(), paidFen: z.number().int() }))
    .describe('Granted by the year of the grant date, paid by the year of the payment date'),
  bySector: z.array(z.object({ sector: z.enum(PROJECT_SECTORS), ...figures })),
  byTown: z.array(z.object({ townId: z.number().int(), townName: z.string(), ...figures })),
});
export type OverviewView = z.infer<typeof overviewView>;
