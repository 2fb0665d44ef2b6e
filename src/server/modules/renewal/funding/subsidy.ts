import type { AppDeps } from '../../../core/deps.js';
import type { Queryable } from '../../../db/database.js';
import { fenToYuan } from '../../../../shared/money.js';
import type { Locale } from '../../../../shared/roles.js';
import { GRANTED_STATUSES, interestSubsidy, type InterestSubsidy } from '../../../../shared/enums/renewalFunding.js';
import { interestSourceCodes } from './sources.js';
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

/** What the project may still receive as interest subsidy: the cap less its other granted ones; null when there is no cap. */
export async function remainingCapFen(
  settings: SubsidySettings,
  db: Queryable,
  projectId: number | undefined,
  excludeApplicationId?: number,
): Promise<number | null> {
  const { capYuan } = settings;
  if (capYuan === 0) return null;
  if (projectId === undefined) return capYuan * 100;
  const codes = await interestSourceCodes(db);
  let q = db
    .selectFrom('renewal_funding_applications')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('granted_fen'), eb.lit(0)).as('fen'))
    .where('project_id', '=', projectId)
    .where('status', 'in', GRANTED_STATUSES)
    .where('source', 'in', codes.length ? codes : ['-']);
  if (excludeApplicationId !== undefined) q = q.where('id', '<>', excludeApplicationId);
  const row = await q.executeTakeFirstOrThrow();
  return capYuan * 100 - Number(row.fen);
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
