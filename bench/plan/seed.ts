/**
 * The benchmark plan, clearly labelled "基准测试数据（benchmark）": 100 reported indicators of four kinds, 30
 * reporting organisations each (10 departments — one lead, nine co-operating — and 20 towns), and monthly periods
 * of reports inserted in bulk through Kysely. Shared by the bench and the dashboard equality test.
 */
import type { Insertable } from 'kysely';
import type { AppDeps } from '../../src/server/core/deps.js';
import { inTransaction } from '../../src/server/db/database.js';
import { monthlyPeriod } from '../../src/server/modules/plan/reporting/periods/dates.js';
import type { PlanReportTable } from '../../src/server/modules/plan/reporting/tables.js';

export const INDICATORS = 100;
export const DEPARTMENTS_PER_INDICATOR = 10;
export const TOWNS_PER_INDICATOR = 20;

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (index: number, startYear: number) => `${startYear + Math.floor(index / 12)}-${pad((index % 12) + 1)}`;

export interface BenchPlan {
  planId: number;
  indicatorIds: number[];
  departments: number[];
  towns: number[];
  office: number;
  /** Opens `count` monthly periods from month `startIndex` of `startYear`, each with one report per unit, accepted or pending. */
  seedPeriods(startIndex: number, count: number, startYear: number, accepted: boolean): Promise<number>;
}

export async function seedBenchPlan(deps: AppDeps, tag: string): Promise<BenchPlan> {
  const db = deps.database.db;
  const departments = (await db.selectFrom('organizations').select('id').where('kind', '=', 'department').orderBy('id').execute()).map((r) => Number(r.id));
  const towns = (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
  const office = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'office').executeTakeFirstOrThrow()).id);
  if (departments.length < DEPARTMENTS_PER_INDICATOR || towns.length < TOWNS_PER_INDICATOR) throw new Error('not enough reference organisations');
  const now = new Date().toISOString();

  // The benchmark plan: 5 actions × 20 indicators, all reported, a mix of kinds.
  const { planId, indicatorIds } = await inTransaction(deps.database, async (tx) => {
    const plan = await tx
      .insertInto('plans')
      .values({
        code: `BENCH-${tag}`,
        doc_number: '基准测试〔2022〕1号',
        title: '基准测试数据（benchmark）— 非真实方案',
        issuer: 'benchmark',
        issued_on: '2022-01-01',
        start_year: 2022,
        end_year: 2027,
        region_code: '350582',
        region_name: '晋江市',
        parent_plans_json: '[]',
        preamble: 'benchmark data',
        general_requirements: 'benchmark data',
        towns_implement_all: 1,
        format_version: 1,
        raw_json: '{}',
        file_hash: `bench-${tag}`,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const planId = Number(plan.id);
    const indicatorIds: number[] = [];
    for (let a = 0; a < 5; a++) {
      const action = await tx
        .insertInto('plan_actions')
        .values({
          plan_id: planId,
          code: `B${a + 1}`,
          section: 'task',
          number: String(a + 1),
          title: `基准行动${a + 1}`,
          text: 'benchmark',
          position: a,
          retired_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let k = 0; k < INDICATORS / 5; k++) {
        const n = a * (INDICATORS / 5) + k;
        const kind = (['cumulative', 'annual', 'level', 'share'] as const)[n % 4]!;
        const ind = await tx
          .insertInto('indicators')
          .values({
            plan_id: planId,
            action_id: Number(action.id),
            task_id: null,
            related_task: null,
            code: `B-${pad(n + 1)}`,
            name: `基准指标${n + 1}`,
            name_en: `Benchmark indicator ${n + 1}`,
            clause_text: 'benchmark',
            unit: kind === 'level' || kind === 'share' ? '%' : '个',
            kind,
            comparator: '≥',
            baseline_year: null,
            baseline_value: null,
            year_on_year: 0,
            town_breakdown: 1,
            source: 'reported',
            metric: null,
            lower_bound_metric: null,
            is_effort: 0,
            assigned_by_office: 0,
            parent_plan_code: null,
            parent_indicator_code: null,
            parent_indicator_id: null,
            position: n,
            retired_at: null,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(ind.id);
        indicatorIds.push(id);
        await tx
          .insertInto('indicator_targets')
          .values([2025, 2027].map((year) => ({ indicator_id: id, year, value: kind === 'level' || kind === 'share' ? 90 : 5000 })))
          .execute();
        await tx
          .insertInto('indicator_units')
          .values(
            Array.from({ length: DEPARTMENTS_PER_INDICATOR }, (_, u) => ({
              indicator_id: id,
              organization_id: departments[(n + u) % departments.length]!,
              unit_name: `dept-${u}`,
              role: u === 0 ? ('lead' as const) : ('co' as const),
              position: u,
            })),
          )
          .execute();
      }
    }
    return { planId, indicatorIds };
  });

  const reportRow = (
    periodId: number,
    indicatorIndex: number,
    organizationId: number,
    role: 'lead' | 'co' | 'town',
    accepted: boolean,
  ): Insertable<PlanReportTable> => ({
    period_id: periodId,
    plan_id: planId,
    indicator_id: indicatorIds[indicatorIndex]!,
    organization_id: organizationId,
    role,
    status: accepted ? 'accepted' : 'pending',
    value: accepted ? (indicatorIndex % 4 >= 2 ? 40 + (indicatorIndex % 50) : 3) : null,
    baseline_value: null,
    narrative: accepted ? 'benchmark' : null,
    late: 0,
    first_submitted_at: accepted ? now : null,
    submitted_at: accepted ? now : null,
    submission_count: accepted ? 1 : 0,
    returned_at: null,
    return_reason: null,
    accepted_at: accepted ? now : null,
    decided_by: null,
    updated_by: null,
    created_at: now,
    updated_at: now,
  });
  const orgsOf = (i: number) => [
    ...Array.from({ length: DEPARTMENTS_PER_INDICATOR }, (_, u) => ({
      id: departments[(i + u) % departments.length]!,
      role: u === 0 ? ('lead' as const) : ('co' as const),
    })),
    ...towns.slice(0, TOWNS_PER_INDICATOR).map((id) => ({ id, role: 'town' as const })),
  ];
  async function seedPeriods(startIndex: number, count: number, startYear: number, accepted: boolean): Promise<number> {
    let rows = 0;
    for (let p = startIndex; p < startIndex + count; p++) {
      const period = monthOf(p, startYear);
      const dates = monthlyPeriod(period, 5);
      await inTransaction(deps.database, async (tx) => {
        const row = await tx
          .insertInto('plan_reporting_periods')
          .values({
            plan_id: planId,
            period,
            frequency: 'month',
            starts_at: dates.startsAt,
            ends_at: dates.endsAt,
            deadline_date: dates.deadlineDate,
            deadline_at: dates.deadlineAt,
            status: 'open',
            opened_by: null,
            opened_at: now,
            closed_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const batch: Insertable<PlanReportTable>[] = [];
        for (let i = 0; i < indicatorIds.length; i++) for (const o of orgsOf(i)) batch.push(reportRow(Number(row.id), i, o.id, o.role, accepted));
        for (let k = 0; k < batch.length; k += 500)
          await tx
            .insertInto('plan_reports')
            .values(batch.slice(k, k + 500))
            .execute();
        rows += batch.length;
      });
    }
    return rows;
  }
  return { planId, indicatorIds, departments, towns, office, seedPeriods };
}
