import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { INTEREST_SUBSIDY_SOURCE, interestSubsidy } from '../../../../shared/enums/renewalFunding.js';
import { FUNDABLE_PROJECT_STATUSES } from './projects.js';
import { chargeInterestSubsidy, subsidySettings } from './subsidy.js';
import { fundingWorkflow } from './workflow.js';

const NOTE = '演示数据 / demo data';

/** What each demo project applied for, by the project's place among the demo projects: granted, paid in parts… */
const PLANS = [
  [
    { source: 'ultra_long_treasury_bonds', requestedFen: 3_000_000_00, grantedFen: 2_800_000_00, paid: [1_500_000_00] },
    { source: INTEREST_SUBSIDY_SOURCE, loan: { principalFen: 20_000_000_00, annualRateBp: 345, subsidyPointsBp: 100 } },
  ],
  [
    { source: 'central_budget', requestedFen: 1_200_000_00, grantedFen: 1_200_000_00, paid: [600_000_00, 600_000_00] },
    { source: 'city_matching', requestedFen: 300_000_00 },
  ],
  [{ source: 'tech_innovation_fund', requestedFen: 500_000_00, rejected: '不在本批技术创新基金支持方向（演示）' }],
] as const;

type Plan = {
  source: string;
  requestedFen?: number;
  grantedFen?: number;
  paid?: readonly number[];
  rejected?: string;
  loan?: { principalFen: number; annualRateBp: number; subsidyPointsBp: number };
};

/**
 * With demo data on: funding applications (labelled 演示, `is_demo`) for the demo projects the projects seed made,
 * those in the library or later — granted by 市工信局, paid in parts by 市财政局, one rejected, one waiting — through
 * the workflow so each has its history. Once per project (a project with a demo application is left alone); dates
 * count back from the day it runs.
 */
export async function seedFundingDemo(deps: AppDeps): Promise<void> {
  const ctx = systemContext('seed-demo');
  const today = shanghaiDate();
  // Read before the transaction: the parameter reader may query outside it.
  const settings = await subsidySettings(deps);
  const { dayBasis } = settings;
  await inTransaction(deps.database, async (tx) => {
    const projects = await tx
      .selectFrom('renewal_projects')
      .select(['id', 'organization_id'])
      .where('is_demo', '=', 1)
      .where('status', 'in', FUNDABLE_PROJECT_STATUSES)
      .orderBy('id')
      .execute();
    const miit = await tx.selectFrom('organizations').select('id').where('name', '=', '市工信局').where('kind', '=', 'department').executeTakeFirst();
    if (!miit || projects.length === 0) return;
    for (const [i, p] of projects.entries()) {
      const done = await tx.selectFrom('renewal_funding_applications').select('id').where('project_id', '=', p.id).where('is_demo', '=', 1).executeTakeFirst();
      if (done) continue;
      for (const plan of (PLANS[i % PLANS.length] ?? []) as readonly Plan[]) {
        const appliedOn = addDays(today, -120);
        const loan = plan.loan ? { ...plan.loan, from: addDays(today, -365), to: today } : null;
        const subsidy = loan ? interestSubsidy({ ...loan, dayBasis }).subsidyFen : null;
        const requested = plan.requestedFen ?? subsidy!;
        const now = nowIso();
        const row = await tx
          .insertInto('renewal_funding_applications')
          .values({
            organization_id: Number(p.organization_id),
            project_id: p.id,
            source: plan.source,
            status: 'applied',
            requested_fen: requested,
            granted_fen: null,
            paid_fen: 0,
            applied_on: appliedOn,
            granted_on: null,
            granting_organization_id: null,
            grant_document: null,
            over_request_reason: null,
            rejection_reason: null,
            note: NOTE,
            loan_bank: loan ? '晋江农商银行（演示）' : null,
            loan_principal_fen: loan?.principalFen ?? null,
            loan_rate_bp: loan?.annualRateBp ?? null,
            subsidy_points_bp: loan?.subsidyPointsBp ?? null,
            loan_from: loan?.from ?? null,
            loan_to: loan?.to ?? null,
            subsidy_day_basis: null,
            subsidy_computed_fen: null,
            applied_by: null,
            decided_by: null,
            decided_at: null,
            is_demo: 1,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(row.id);
        const organizationId = Number(p.organization_id);
        await enter(tx, ctx, fundingWorkflow, { id, action: 'apply', organizationId, note: NOTE, audit: { after: { demo: true, source: plan.source } } });
        if (plan.rejected) {
          await move(tx, ctx, fundingWorkflow, {
            id,
            action: 'reject',
            from: 'applied',
            set: { rejection_reason: plan.rejected, decided_at: now },
            note: plan.rejected,
            organizationId,
          });
          continue;
        }
        if (plan.grantedFen === undefined) continue;
        const grantedOn = addDays(today, -90);
        if (loan) await chargeInterestSubsidy(tx, settings, { id: p.id, organizationId }, plan.grantedFen);
        await move(tx, ctx, fundingWorkflow, {
          id,
          action: 'grant',
          from: 'applied',
          set: {
            granted_fen: plan.grantedFen,
            granted_on: grantedOn,
            granting_organization_id: Number(miit.id),
            grant_document: '演示〔2025〕1号',
            decided_at: now,
          },
          note: NOTE,
          organizationId,
          params: { grantedFen: plan.grantedFen, grantedOn },
        });
        let paid = 0;
        let status: 'granted' | 'partially_paid' = 'granted';
        for (const [n, amount] of (plan.paid ?? []).entries()) {
          paid += amount;
          const paidOn = addDays(today, -60 + n * 30);
          await tx.updateTable('renewal_funding_applications').set({ paid_fen: paid }).where('id', '=', id).execute();
          await tx
            .insertInto('renewal_funding_payments')
            .values({
              organization_id: organizationId,
              application_id: id,
              paid_on: paidOn,
              amount_fen: amount,
              reference: `DEMO-GK-${id}-${n + 1}`,
              note: NOTE,
              recorded_by: null,
              is_demo: 1,
              created_at: now,
            })
            .execute();
          const full = paid === plan.grantedFen;
          await move(tx, ctx, fundingWorkflow, {
            id,
            action: full ? 'payInFull' : 'pay',
            from: status,
            note: `DEMO-GK-${id}-${n + 1}`,
            organizationId,
            params: { amountFen: amount, paidOn, paidFen: paid, grantedFen: plan.grantedFen },
          });
          if (!full) status = 'partially_paid';
        }
      }
    }
  });
}
