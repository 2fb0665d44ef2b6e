import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { shanghaiYear } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { SURVEY_BASELINE_YEAR, type SurveyResponseStatus } from '../../../../shared/enums/renewalSurvey.js';
import { computeCreditCodeCheckChar } from '../../../../shared/validators/creditCode.js';
import { surveyWorkflow } from './workflow.js';

const INDUSTRIES = ['footwear', 'textile_apparel', 'building_ceramics', 'food', 'paper_products', 'chemical_fibre', 'equipment_manufacturing', 'umbrella'];
const TRADE = ['鞋业', '服饰', '陶瓷', '食品', '纸业', '化纤', '机械', '伞业'];
const DEMO_COUNT = 30;
const creditCode = (n: number) => {
  const first17 = `91350582MA2DG${String(n).padStart(4, '0')}`;
  return first17 + computeCreditCodeCheckChar(first17);
};

/** What the i-th demo enterprise answered: deterministic, varied, so the figures and their response rates are not round. */
function answers(i: number, baseline: boolean) {
  const key = 4 + (i % 5);
  // The baseline year had fewer processes under numerical control: the change from 2023 shows as a gain.
  const cnc = Math.max(0, Math.min(key, Math.round(key * (baseline ? 0.62 : 0.72)) + ((i % 3) - 1)));
  const hasTools = baseline ? i % 3 !== 0 : i % 7 !== 0;
  // Not in step with the town (i % 6), so the towns' coverage differs.
  const transformed = baseline ? (i + Math.floor(i / 6)) % 4 === 0 : (i + Math.floor(i / 6)) % 3 !== 2;
  return {
    has_rd_tools: hasTools ? 1 : 0,
    rd_tools_json: JSON.stringify(hasTools ? (['cad', 'cam', 'pdm_plm', 'simulation'] as const).slice(0, 1 + (i % 4)) : []),
    key_processes: key,
    cnc_processes: cnc,
    transformed: transformed ? 1 : 0,
    transformation_note: transformed ? '生产线数据采集与MES上线（演示）' : null,
    app_5g_count: i % 5 === 0 ? 1 + (i % 2) : 0,
    app_5g_names: i % 5 === 0 ? '5G+机器视觉质检（演示）' : null,
  };
}

/** Where the i-th response of a round stands (undefined: no response yet). */
function statusOf(i: number, baseline: boolean): SurveyResponseStatus | undefined {
  if (baseline) return i % 6 === 5 ? undefined : 'checked';
  const path: (SurveyResponseStatus | undefined)[] = [
    'checked',
    'checked',
    'submitted',
    'checked',
    undefined,
    'draft',
    'checked',
    'returned',
    'checked',
    undefined,
  ];
  return path[i % path.length];
}

async function addResponses(tx: Tx, roundId: number, rows: { id: number; org: number | null }[], baseline: boolean, year: number) {
  const ctx = systemContext('seed-demo');
  const now = nowIso();
  // The baseline was checked in the following January, so a window of that time already reads it.
  const checkedAt = baseline ? `${year + 1}-01-15T02:00:00.000Z` : now;
  for (const [i, r] of rows.entries()) {
    const status = statusOf(i, baseline);
    if (!status) continue;
    const created = await tx
      .insertInto('renewal_survey_responses')
      .values({
        register_id: r.id,
        round_id: roundId,
        status: 'draft',
        ...answers(i, baseline),
        on_behalf: r.org === null ? 1 : 0,
        return_reason: null,
        submitted_at: null,
        checked_at: null,
        checked_by: null,
        created_by: null,
        is_demo: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(created.id);
    // Through the workflow, so each demo response has its timeline and audit trail like a real one.
    await enter(tx, ctx, surveyWorkflow, { id, action: 'save', organizationId: r.org });
    if (status === 'draft') continue;
    await move(tx, ctx, surveyWorkflow, { id, action: 'submit', from: 'draft', set: { submitted_at: checkedAt }, organizationId: r.org });
    if (status === 'checked')
      await move(tx, ctx, surveyWorkflow, { id, action: 'check', from: 'submitted', set: { checked_at: checkedAt }, organizationId: r.org });
    if (status === 'returned') {
      const reason = '数控化关键工序数与设备台账不符，请核实（演示）';
      await move(tx, ctx, surveyWorkflow, {
        id,
        action: 'return',
        from: 'submitted',
        set: { return_reason: reason },
        reasons: [reason],
        organizationId: r.org,
      });
    }
  }
}

/**
 * With demo data on: a round for the current year (open) and a 2023 baseline round (closed), each with a register
 * of 30 demo enterprises across towns (演示, without accounts, so the manager records theirs on their behalf) plus
 * the demo enterprise, and responses at every step — most checked, some submitted, a draft, a returned one, some
 * missing — so the results show figures beside a partial response rate. The demo enterprise has its 2023 response
 * checked and none yet this year (it fills it in). Once only: nothing is added when a demo round exists.
 */
export async function seedSurveyDemo(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const user = await db.selectFrom('users').select('organization_id').where('username', '=', 'demo_enterprise').executeTakeFirst();
  const own = user?.organization_id
    ? await db.selectFrom('organizations').select(['id', 'name', 'credit_code', 'town_id']).where('id', '=', user.organization_id).executeTakeFirst()
    : undefined;
  const towns = await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').limit(6).execute();
  if (towns.length === 0) return;
  const year = shanghaiYear();
  await inTransaction(deps.database, async (tx) => {
    if (await tx.selectFrom('renewal_survey_rounds').select('id').where('is_demo', '=', 1).executeTakeFirst()) return;
    const now = nowIso();
    const years = year === SURVEY_BASELINE_YEAR ? [year] : [SURVEY_BASELINE_YEAR, year];
    for (const y of years) {
      const baseline = y === SURVEY_BASELINE_YEAR && y !== year;
      const round = await tx
        .insertInto('renewal_survey_rounds')
        .values({
          year: y,
          status: baseline ? 'closed' : 'open',
          deadline: baseline ? `${y + 1}-01-10` : `${y}-12-31`,
          opened_by: null,
          closed_at: baseline ? `${y + 1}-01-31T02:00:00.000Z` : null,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const roundId = Number(round.id);
      // The baseline register was a little smaller: a few enterprises have grown above scale since.
      const count = baseline ? DEMO_COUNT - 4 : DEMO_COUNT;
      const rows: { id: number; org: number | null }[] = [];
      for (let i = 0; i < count; i++) {
        const r = await tx
          .insertInto('renewal_survey_register')
          .values({
            round_id: roundId,
            credit_code: creditCode(i + 1),
            name: `晋江演示${TRADE[i % TRADE.length]}有限公司${String(i + 1).padStart(2, '0')}（演示）`,
            town_id: Number(towns[i % towns.length]!.id),
            industry: INDUSTRIES[i % INDUSTRIES.length]!,
            organization_id: null,
            is_demo: 1,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        rows.push({ id: Number(r.id), org: null });
      }
      await addResponses(tx, roundId, rows, baseline, y);
      if (own?.credit_code && own.town_id !== null) {
        const r = await tx
          .insertInto('renewal_survey_register')
          .values({
            round_id: roundId,
            credit_code: own.credit_code,
            name: own.name,
            town_id: Number(own.town_id),
            industry: 'footwear',
            organization_id: Number(own.id),
            is_demo: 1,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (baseline) await addResponses(tx, roundId, [{ id: Number(r.id), org: Number(own.id) }], true, y);
      }
    }
  });
}
