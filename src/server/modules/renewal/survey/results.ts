import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { SURVEY_BASELINE_YEAR } from '../../../../shared/enums/renewalSurvey.js';
import { surveyPolicy } from '../policies/survey.js';
import { figureRows, figuresOf, tallyBy } from './figures.js';
import { dictionaryLabels, roundView } from './queries.js';
import type { ResultsView } from './schema.js';

/**
 * A round's results, city-wide, by town and by industry: register size, checked responses and the response rate
 * beside every rate (so a rate over 40% of the register is not read as the city's), and the CNC rate's change in
 * 百分点 from the 2023 round for the same group when that round exists.
 */
export async function surveyResults(deps: AppDeps, ctx: RequestContext, roundId: number): Promise<ResultsView> {
  authorize(ctx.actor, surveyPolicy, 'results');
  const db = deps.database.db;
  const round = await roundView(db, roundId);
  const baselineRound =
    round.year > SURVEY_BASELINE_YEAR
      ? await db.selectFrom('renewal_survey_rounds').select('id').where('year', '=', SURVEY_BASELINE_YEAR).executeTakeFirst()
      : undefined;
  const rows = await figureRows(db, roundId);
  const baseRows = baselineRound ? await figureRows(db, Number(baselineRound.id)) : [];
  const industries = await dictionaryLabels(db, 'industry', ctx.locale);
  const byTown = tallyBy(rows, (r) => String(r.town_id));
  const byIndustry = tallyBy(rows, (r) => r.industry);
  const baseTown = tallyBy(baseRows, (r) => String(r.town_id));
  const baseIndustry = tallyBy(baseRows, (r) => r.industry);
  const townNames = new Map(rows.map((r) => [String(r.town_id), r.town_name]));
  const base = baselineRound ? baseTown.all : undefined;
  return {
    round,
    baselineYear: baselineRound ? SURVEY_BASELINE_YEAR : null,
    city: figuresOf('city', ctx.locale === 'zh-CN' ? '全市' : 'City', byTown.all, base),
    byTown: [...byTown.groups.entries()]
      .map(([k, t]) => figuresOf(k, townNames.get(k) ?? k, t, baselineRound ? baseTown.groups.get(k) : undefined))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    byIndustry: [...byIndustry.groups.entries()]
      .map(([k, t]) => figuresOf(k, industries.get(k) ?? k, t, baselineRound ? baseIndustry.groups.get(k) : undefined))
      .sort((a, b) => b.registerSize - a.registerSize),
  };
}
