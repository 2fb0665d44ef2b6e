import type { MetricDefinition, MetricParams } from '../../../core/metrics.js';
import type { Queryable } from '../../../db/database.js';
import { emptyTally, rates, type Tally } from './figures.js';

/**
 * The survey's levels for the plan (二(一)2), as of the window's end `to`: the figure of the latest round (by year)
 * that has a response checked before `to`, counting only the responses checked before `to` — so a past window
 * reads what was known then, not what was checked later. Null when no round had a checked response by then (no
 * observation, not 0). With a town, only that town's register rows. Rates are over the checked respondents;
 * the response rate each stands on is on the survey's results page (企业数字化调查 → 结果).
 */
async function latestTally(db: Queryable, p: MetricParams): Promise<Tally | null> {
  let q = db
    .selectFrom('renewal_survey_responses as r')
    .innerJoin('renewal_survey_register as g', 'g.id', 'r.register_id')
    .innerJoin('renewal_survey_rounds as rd', 'rd.id', 'r.round_id')
    .select((eb) => [
      'rd.year',
      eb.fn.countAll<number>().as('checked'),
      eb.fn.sum<number | string>('r.has_rd_tools').as('with_tool'),
      eb.fn.sum<number | string>('r.key_processes').as('key_processes'),
      eb.fn.sum<number | string>('r.cnc_processes').as('cnc_processes'),
      eb.fn.sum<number | string>('r.transformed').as('transformed'),
    ])
    .where('r.status', '=', 'checked')
    .where('r.checked_at', '<', p.to)
    .groupBy('rd.year')
    .orderBy('rd.year', 'desc')
    .limit(1);
  if (p.townId) q = q.where('g.town_id', '=', p.townId);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return {
    ...emptyTally(),
    checked: Number(row.checked),
    withTool: Number(row.with_tool),
    keyProcesses: Number(row.key_processes),
    cncProcesses: Number(row.cnc_processes),
    transformed: Number(row.transformed),
  };
}

const level = (pick: (r: ReturnType<typeof rates>) => number | null) => async (db: Queryable, p: MetricParams) => {
  const t = await latestTally(db, p);
  if (!t) return null;
  const v = pick(rates(t));
  return v === null ? null : Math.round(v * 10) / 10;
};

export const surveyMetrics: MetricDefinition[] = [
  {
    name: 'renewal.survey.digitalRdToolRate',
    description:
      '规上工业企业数字化研发设计工具普及率（%）：最近一个年度调查中，截至期末已经镇街审核的填报企业里使用数字化研发设计工具的比例；只计已审核的填报企业，未填报企业不计入，回收率见“企业数字化调查”结果页 / digital R&D tool rate (%): share of the checked respondents of the latest survey round (checked before the window’s end) that use digital R&D or design tools; over responding enterprises only — the response rate is shown beside it on the survey results page',
    unit: '%',
    compute: level((r) => r.rdToolRate),
  },
  {
    name: 'renewal.survey.keyProcessCncRate',
    description:
      '规上工业企业关键工序数控化率（%）：最近一个年度调查中已审核填报企业的数控化关键工序数之和 ÷ 关键工序数之和；只计已审核的填报企业，回收率见“企业数字化调查”结果页；较2023年的提高由计划按2023年基线相减 / key-process CNC rate (%): Σ numerically controlled key processes ÷ Σ key processes over the checked respondents of the latest round; over responding enterprises only (response rate on the survey results page); the plan subtracts the 2023 baseline for the growth',
    unit: '%',
    compute: level((r) => r.cncRate),
  },
  {
    name: 'renewal.survey.digitalTransformationCoverage',
    description:
      '规上工业企业数字化改造覆盖率（%）：最近一个年度调查中已审核填报企业里已完成数字化改造的比例；只计已审核的填报企业（以名录企业为分母的下限和回收率见“企业数字化调查”结果页） / digital transformation coverage (%): share of the checked respondents of the latest round that have completed a digital transformation; over responding enterprises only (the lower bound over the whole register and the response rate are on the survey results page)',
    unit: '%',
    compute: level((r) => r.transformationCoverage),
  },
];
