import { COUNTED_STANDARD_LEVELS } from '../../../../shared/enums/renewalStandards.js';
import { windowDates, type MetricDefinition, type MetricParams } from '../../../core/metrics.js';
import { fenToYi } from '../../../../shared/money.js';
import { daysBetween } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';

/** The plan counts standards joined since 2024 (四(一) 到2027年全市参与修订国家、行业标准80项以上). */
export const STANDARDS_COUNTED_FROM = '2024-01-01';

/** Days of `year` the window [first, last] covers, and the days of the year. */
export function overlapDays(year: number, first: string, last: string): { covered: number; ofYear: number } {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const from = first > start ? first : start;
  const to = last < end ? last : end;
  return { covered: to < from ? 0 : daysBetween(from, to) + 1, ofYear: daysBetween(start, end) + 1 };
}

export const standardsMetrics: MetricDefinition[] = [
  {
    name: 'renewal.standards.nationalIndustryJoined',
    description:
      '主导或参与制修订并已发布的国家标准、行业标准数（经市市场监管局确认；按发布日期计入，2024年1月1日前发布的不计；多家本地单位参与同一标准只计一项，计入最早发布日期；仅立项、征求意见或报批尚未发布的不计；为下限：只含在本平台填报并确认的） / national and industry standards local organisations led or joined and that were published (confirmed by 市市场监管局; counted at the publication date, none published before 2024-01-01; one standard joined by several local organisations counts once; standards only approved for drafting, in consultation or submitted for approval are left out; a lower bound: only what was submitted and confirmed here)',
    unit: '项',
    async compute(db: Queryable, p: MetricParams) {
      const { first, last } = windowDates(p);
      let q = db
        .selectFrom('renewal_standards as s')
        .innerJoin('organizations as o', 'o.id', 's.organization_id')
        .select(['s.number_key', (eb) => eb.fn.min<string>('s.published_on').as('published')])
        .where('s.status', '=', 'confirmed')
        .where('s.level', 'in', COUNTED_STANDARD_LEVELS)
        .where('s.published_on', 'is not', null)
        .groupBy('s.number_key');
      if (p.townId) q = q.where('o.town_id', '=', p.townId);
      const from = first > STANDARDS_COUNTED_FROM ? first : STANDARDS_COUNTED_FROM;
      // A standard counts once, at its first publication date among the confirmed records of it.
      return (await q.execute()).filter((r) => r.published >= from && r.published <= last).length;
    },
  },
  {
    name: 'renewal.rd.investment',
    description:
      '企业研发投入（亿元）：经市科技局确认的年度研发投入报告，每年金额按该年天数均摊到期内（金额 × 期内该年天数 ÷ 该年天数）；期内没有任何已确认报告覆盖时为空（尚未填报，不是降为0）；为下限：只含在本平台填报并确认的企业 / R&D spending of enterprises (亿元): confirmed yearly R&D reports (市科技局), each year’s amount spread over its days (amount × days of the window in that year ÷ days of the year); null when no confirmed report covers any day of the window (not yet reported, not a fall to 0); a lower bound: only enterprises that submitted here and were confirmed',
    unit: '亿元',
    async compute(db: Queryable, p: MetricParams) {
      const { first, last } = windowDates(p);
      if (last < first) return null;
      let q = db
        .selectFrom('renewal_rd_reports as r')
        .innerJoin('organizations as o', 'o.id', 'r.organization_id')
        .select(['r.year', (eb) => eb.fn.sum<number | string>('r.rd_fen').as('fen')])
        .where('r.status', '=', 'confirmed')
        .where('r.year', '>=', Number(first.slice(0, 4)))
        .where('r.year', '<=', Number(last.slice(0, 4)))
        .groupBy('r.year');
      if (p.townId) q = q.where('o.town_id', '=', p.townId);
      const years = await q.execute();
      if (years.length === 0) return null;
      let fen = 0;
      for (const y of years) {
        const { covered, ofYear } = overlapDays(Number(y.year), first, last);
        fen += (Number(y.fen) * covered) / ofYear;
      }
      return fenToYi(fen);
    },
  },
];
