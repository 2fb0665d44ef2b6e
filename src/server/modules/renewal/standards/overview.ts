import { z } from 'zod';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { rdReportPolicy } from '../policies/rdReport.js';
import { intensity } from './rdReports.js';
import { recordOf } from './service.js';
import { rdReportSpec } from './rdReports.js';

const growth = (now: number, before: number) => (before > 0 ? Math.round(((now - before) / before) * 10_000) / 100 : null);

export const rdOverviewQuery = z.object({ townId: z.coerce.number().int().positive().optional() });

export const rdOverviewView = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      reporters: z.number().int(),
      rdFen: z.number().int(),
      revenueFen: z.number().int(),
      intensityPercent: z.number().nullable(),
      /** On the previous year's total (different enterprises may have reported); null without a previous year. */
      growthPercent: z.number().nullable(),
      /** Like for like: only the enterprises that reported both this year and the previous one. */
      likeForLike: z
        .object({ enterprises: z.number().int(), rdFen: z.number().int(), previousFen: z.number().int(), growthPercent: z.number().nullable() })
        .nullable(),
    }),
  ),
  byIndustry: z.array(z.object({ year: z.number().int(), industry: z.string(), reporters: z.number().int(), rdFen: z.number().int() })),
  byTown: z.array(
    z.object({
      year: z.number().int(),
      townId: z.number().int().nullable(),
      townName: z.string().nullable(),
      reporters: z.number().int(),
      rdFen: z.number().int(),
    }),
  ),
});
export type RdOverview = z.infer<typeof rdOverviewView>;

function bucket<K>(rows: { key: K; fen: number }[], keyOf: (k: K) => string) {
  const out = new Map<string, { key: K; reporters: number; rdFen: number }>();
  for (const r of rows) {
    const k = keyOf(r.key);
    const b = out.get(k) ?? { key: r.key, reporters: 0, rdFen: 0 };
    b.reporters += 1;
    b.rdFen += r.fen;
    out.set(k, b);
  }
  return [...out.values()];
}

/**
 * 市科技局's overview of confirmed R&D reports: each year's total with its growth on the previous year, both in total
 * and like for like (enterprises reporting both years: the plan's 每年研发投入增长20%以上 is about the same enterprises),
 * the intensity (R&D ÷ revenue), and each year by industry and by town.
 */
export async function rdOverview(deps: AppDeps, ctx: RequestContext, q: z.infer<typeof rdOverviewQuery>): Promise<RdOverview> {
  const db = deps.database.db;
  authorize(ctx.actor, rdReportPolicy, 'listAll', await recordOf(db, ctx, rdReportSpec));
  let query = db
    .selectFrom('renewal_rd_reports as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .leftJoin('organizations as t', 't.id', 'o.town_id')
    .select(['r.organization_id', 'r.year', 'r.rd_fen', 'r.revenue_fen', 'r.industry', 'o.town_id', 't.name as town_name'])
    .where('r.status', '=', 'confirmed');
  if (q.townId) query = query.where('o.town_id', '=', q.townId);
  const rows = (await query.execute()).map((r) => ({
    org: Number(r.organization_id),
    year: Number(r.year),
    fen: Number(r.rd_fen),
    revenue: Number(r.revenue_fen),
    industry: r.industry,
    townId: r.town_id === null ? null : Number(r.town_id),
    townName: r.town_name,
  }));
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const ofYear = (y: number) => rows.filter((r) => r.year === y);
  const sum = (rs: { fen: number }[]) => rs.reduce((n, r) => n + r.fen, 0);
  return {
    years: years.map((year) => {
      const now = ofYear(year);
      const before = ofYear(year - 1);
      const rdFen = sum(now);
      const revenueFen = now.reduce((n, r) => n + r.revenue, 0);
      const previous = new Map(before.map((r) => [r.org, r.fen]));
      const both = now.filter((r) => previous.has(r.org));
      const lflNow = sum(both);
      const lflBefore = both.reduce((n, r) => n + previous.get(r.org)!, 0);
      return {
        year,
        reporters: now.length,
        rdFen,
        revenueFen,
        intensityPercent: intensity(rdFen, revenueFen),
        growthPercent: before.length ? growth(rdFen, sum(before)) : null,
        likeForLike: both.length ? { enterprises: both.length, rdFen: lflNow, previousFen: lflBefore, growthPercent: growth(lflNow, lflBefore) } : null,
      };
    }),
    byIndustry: years.flatMap((year) =>
      bucket(
        ofYear(year).map((r) => ({ key: r.industry, fen: r.fen })),
        (k) => k,
      ).map((b) => ({ year, industry: b.key, reporters: b.reporters, rdFen: b.rdFen })),
    ),
    byTown: years.flatMap((year) =>
      bucket(
        ofYear(year).map((r) => ({ key: { id: r.townId, name: r.townName }, fen: r.fen })),
        (k) => String(k.id),
      ).map((b) => ({ year, townId: b.key.id, townName: b.key.name, reporters: b.reporters, rdFen: b.rdFen })),
    ),
  };
}
