import type { AppDeps } from '../../../core/deps.js';
import { AppError } from '../../../core/errors.js';
import type { Queryable, Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { fenToYuan } from '../../../../shared/money.js';
import type { Locale } from '../../../../shared/roles.js';
import { GRANTED_STATUSES, interestSubsidy, type InterestSubsidy } from '../../../../shared/enums/renewalFunding.js';
import type { LoanInput, SubsidyView } from './schema.js';

const percent = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/** The computation as a reader checks it: principal × points × days ÷ basis = formula, and the cap if it applied. */
export function subsidyFormula(s: InterestSubsidy, loan: { principalFen: number; subsidyPointsBp: number }, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const base = zh
    ? `${fenToYuan(loan.principalFen)} 元 × ${percent(loan.subsidyPointsBp)} × ${s.days} 天 ÷ ${s.dayBasis} = ${fenToYuan(s.formulaFen)} 元（四舍五入至分）`
    : `¥${fenToYuan(loan.principalFen)} × ${percent(loan.subsidyPointsBp)} × ${s.days} days ÷ ${s.dayBasis} = ¥${fenToYuan(s.formulaFen)} (half-up to the fen)`;
  if (!s.capped) return base;
  return zh ? `${base}；超过项目贴息剩余额度，按 ${fenToYuan(s.capFen)} 元计` : `${base}; above what the project may still receive, so ¥${fenToYuan(s.capFen)}`;
}

/** The 贴息 parameters in force. Read before a transaction opens: the reader may query outside it (one SQLite connection). */
export interface SubsidySettings {
  dayBasis: number;
  capYuan: number;
}

export async function subsidySettings(deps: AppDeps): Promise<SubsidySettings> {
  return {
    dayBasis: Number(await deps.parameters.get('renewal.interestSubsidyDayBasis')),
    capYuan: await deps.parameters.get('renewal.interestSubsidyCapYuan'),
  };
}

/**
 * What the project may still receive as interest subsidy: the cap less what its 贴息 grants have been charged
 * (renewal_project_interest_subsidies), not counting the application being reconsidered; null when there is no cap.
 */
export async function remainingCapFen(
  settings: SubsidySettings,
  db: Queryable,
  projectId: number | undefined,
  excludeApplicationId?: number,
): Promise<number | null> {
  const { capYuan } = settings;
  if (capYuan === 0) return null;
  if (projectId === undefined) return capYuan * 100;
  const total = await db.selectFrom('renewal_project_interest_subsidies').select('granted_fen').where('project_id', '=', projectId).executeTakeFirst();
  let own = 0;
  if (excludeApplicationId !== undefined) {
    const a = await db
      .selectFrom('renewal_funding_applications')
      .select('granted_fen')
      .where('id', '=', excludeApplicationId)
      .where('project_id', '=', projectId)
      .where('loan_principal_fen', 'is not', null)
      .where('status', 'in', GRANTED_STATUSES)
      .executeTakeFirst();
    own = Number(a?.granted_fen ?? 0);
  }
  return capYuan * 100 - (Number(total?.granted_fen ?? 0) - own);
}

/** The subsidy of a loan now (the day basis in force, the project's remaining cap), with its formula. */
export async function computeSubsidy(
  settings: SubsidySettings,
  db: Queryable,
  loan: Omit<LoanInput, 'bank'>,
  locale: Locale,
  projectId?: number,
  excludeApplicationId?: number,
): Promise<SubsidyView> {
  const capFen = await remainingCapFen(settings, db, projectId, excludeApplicationId);
  const s = interestSubsidy({ ...loan, dayBasis: settings.dayBasis, capFen });
  return { ...s, formula: subsidyFormula(s, loan, locale) };
}

/** The subsidy as granted: the basis and the figure the grant kept, the formula from the stored loan. */
export function grantedSubsidy(
  loan: { principalFen: number; annualRateBp: number; subsidyPointsBp: number; from: string; to: string },
  dayBasis: number,
  computedFen: number,
  locale: Locale,
): SubsidyView {
  const raw = interestSubsidy({ ...loan, dayBasis });
  const s: InterestSubsidy = {
    ...raw,
    subsidyFen: computedFen,
    capped: computedFen < raw.formulaFen,
    capFen: computedFen < raw.formulaFen ? computedFen : null,
  };
  return { ...s, formula: subsidyFormula(s, loan, locale) };
}

/**
 * Charges a granted interest subsidy to its project's total, or refuses it when the total would pass the cap in
 * force. The update is conditional (`granted_fen + amount <= cap`), so of two grants racing for one project the
 * database lets one through: on PostgreSQL the second waits for the first's row lock and re-checks against the
 * committed total, on SQLite writers are serialised. The insert beforehand only makes sure the row exists.
 */
export async function chargeInterestSubsidy(
  tx: Tx,
  settings: SubsidySettings,
  project: { id: number; organizationId: number },
  amountFen: number,
): Promise<void> {
  const capFen = settings.capYuan === 0 ? null : settings.capYuan * 100;
  const now = nowIso();
  const { id: projectId, organizationId } = project;
  // No conflict target: the primary key is (project_id) on SQLite and (organization_id, project_id) on PostgreSQL.
  await tx
    .insertInto('renewal_project_interest_subsidies')
    .values({ organization_id: organizationId, project_id: projectId, granted_fen: 0, cap_fen: capFen, updated_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  let charge = tx
    .updateTable('renewal_project_interest_subsidies')
    .set((eb) => ({ granted_fen: eb('granted_fen', '+', amountFen), cap_fen: capFen, updated_at: now }))
    .where('organization_id', '=', organizationId)
    .where('project_id', '=', projectId);
  if (capFen !== null) charge = charge.where((eb) => eb(eb('granted_fen', '+', amountFen), '<=', capFen));
  const charged = await charge.executeTakeFirst();
  if (Number(charged.numUpdatedRows) === 1) return;
  const row = await tx
    .selectFrom('renewal_project_interest_subsidies')
    .select('granted_fen')
    .where('organization_id', '=', organizationId)
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  const params = { cap: fenToYuan(capFen!), granted: fenToYuan(Number(row.granted_fen)), left: fenToYuan(Math.max(0, capFen! - Number(row.granted_fen))) };
  throw new AppError(409, 'FUNDING_SUBSIDY_CAP', 'error.FUNDING_SUBSIDY_CAP', params, [
    { path: 'grantedFen', reason: 'field.renewal.fundingSubsidyCap', params },
  ]);
}
