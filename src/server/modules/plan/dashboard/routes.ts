import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import type { Locale } from '../../../../shared/roles.js';
import { indicatorPolicy } from '../policies/indicator.js';
import { planReportPolicy } from '../reporting/policies/report.js';
import type { IndicatorStatus } from '../status/evaluate.js';
import type { RequestContext } from '../../../core/context.js';
import { buildMaintainedDashboard, dashboardCache } from './maintained.js';
import {
  type DashboardQuery,
  dashboardQuery,
  dashboardSchema,
  townsDashboardQuery,
  townsDashboardSchema,
  trendQuery,
  trendSchema,
  unitRecordsQuery,
  unitRecordsSchema,
} from './schema.js';
import { buildDashboard, buildTownsDashboard, indicatorTrend, type PlanMeasurement } from './service.js';
import { buildUnitRecords } from './unitRecords.js';
import { idParams } from '../../../http/schema.js';

const tags = ['plan'];

const STATUS_LABELS: Record<Locale, Record<IndicatorStatus, string>> = {
  'zh-CN': { on_track: '进度正常', at_risk: '有风险', behind: '滞后', not_started: '未开始', overdue: '逾期未报' },
  en: { on_track: 'On track', at_risk: 'At risk', behind: 'Behind', not_started: 'Not started', overdue: 'Overdue' },
};

const SHEET_LABELS = {
  'zh-CN': {
    sheet: '指标进度',
    code: '编号',
    name: '指标',
    unit: '单位',
    action: '行动',
    task: '任务序号',
    lead: '牵头单位',
    actual: '实际值',
    expected: '按进度应达',
    target: '目标值',
    targetYear: '目标年份',
    progress: '完成进度(%)',
    status: '状态',
    reason: '说明',
    forecast: '预测值',
    computed: '平台统计值',
  },
  en: {
    sheet: 'Indicator progress',
    code: 'Code',
    name: 'Indicator',
    unit: 'Unit',
    action: 'Action',
    task: 'Task no.',
    lead: 'Lead unit',
    actual: 'Actual',
    expected: 'Expected by now',
    target: 'Target',
    targetYear: 'Target year',
    progress: 'Progress (%)',
    status: 'Status',
    reason: 'Reason',
    forecast: 'Forecast',
    computed: 'Platform figure',
  },
} as const;

/**
 * HUANXIN_PLAN_DASHBOARD=recompute serves the dashboard recomputed from every report, as before the maintained
 * observations: the reference `npm run bench:plan` measures the maintained one against.
 */
const recomputing = () => process.env.HUANXIN_PLAN_DASHBOARD === 'recompute';

export function dashboardRoutes(measure: PlanMeasurement): ModulePlugin {
  return async (app, { deps }) => {
    const cache = dashboardCache(deps.config.dashboardSnapshotSeconds * 1000);
    // Pure reads, a few seconds old at most: from the replica when one is configured and current (db/replica.ts).
    const dashboardOf = (ctx: RequestContext, q: DashboardQuery) =>
      deps.reads.read((db) =>
        recomputing() ? buildDashboard(deps, ctx, measure, q, db) : buildMaintainedDashboard(deps, ctx, measure, cache, q, Date.now(), db),
      );

    app.get('/plan-dashboard', {
      config: { policy: { policy: indicatorPolicy, action: 'read' } },
      schema: {
        tags,
        summary: 'Every indicator evaluated as of a date (actual, expected, target, status with reason, forecast), cards per action, roll-ups per unit',
        querystring: dashboardQuery,
        response: { 200: dashboardSchema },
      },
      handler: async (req, reply) => {
        const view = await dashboardOf(req.ctx, req.query);
        if (recomputing()) return view;
        // Built by the same code as the schema describes (its types), so it is sent as is: validating a hundred
        // indicators against the schema on every request cost more than building them.
        return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(view);
      },
    });

    app.get('/plan-dashboard/export.xlsx', {
      config: { policy: { policy: indicatorPolicy, action: 'export' } },
      schema: { tags, summary: 'The dashboard’s indicator table as an Excel workbook', querystring: dashboardQuery },
      handler: async (req, reply) => {
        const dashboard = await dashboardOf(req.ctx, req.query);
        const locale = req.ctx.locale;
        const l = SHEET_LABELS[locale];
        const actionCodes = new Map(dashboard.cards.map((c) => [c.actionId, `${c.code} ${c.title}`]));
        const buffer = await workbookBuffer({
          name: l.sheet,
          rows: dashboard.indicators,
          columns: [
            { header: l.code, value: (r) => r.code, width: 12 },
            { header: l.name, value: (r) => (locale === 'en' ? r.nameEn : r.name), width: 36 },
            { header: l.unit, value: (r) => r.unit, width: 8 },
            { header: l.action, value: (r) => actionCodes.get(r.actionId) ?? r.actionCode, width: 28 },
            { header: l.task, value: (r) => r.taskNumber, width: 8 },
            { header: l.lead, value: (r) => r.leadUnit, width: 18 },
            { header: l.actual, value: (r) => r.actual, width: 10 },
            { header: l.expected, value: (r) => r.expected, width: 12 },
            { header: l.target, value: (r) => r.target, width: 10 },
            { header: l.targetYear, value: (r) => r.targetYear, width: 10 },
            { header: l.progress, value: (r) => r.progress, width: 12 },
            { header: l.status, value: (r) => STATUS_LABELS[locale][r.status], width: 10 },
            { header: l.reason, value: (r) => (locale === 'en' ? r.reason.en : r.reason.zh), width: 48 },
            { header: l.forecast, value: (r) => r.forecast, width: 10 },
            { header: l.computed, value: (r) => r.computed, width: 12 },
          ],
        });
        return sendXlsx(reply, `${l.sheet}.xlsx`, buffer);
      },
    });

    app.get('/plans/:id/dashboard/towns', {
      config: { policy: { policy: indicatorPolicy, action: 'read' } },
      schema: {
        tags,
        summary:
          'Every town’s figures for the indicators broken down by town (each as the per-town dashboard evaluates it), with a roll-up per town, in one call',
        params: idParams,
        querystring: townsDashboardQuery,
        response: { 200: townsDashboardSchema },
      },
      handler: async (req) => deps.reads.read((db) => buildTownsDashboard(deps, req.ctx, measure, req.params.id, req.query, db)),
    });

    app.get('/plans/:id/dashboard/units', {
      // The record is made of reports: whoever lists reports reads it, scoped as the list is (a unit sees its own).
      config: { policy: { policy: planReportPolicy, action: 'list' } },
      schema: {
        tags,
        summary: 'Each unit’s reporting record for one period (the latest by default): reports owed, on time, late, missing, not yet due, accepted, returned',
        params: idParams,
        querystring: unitRecordsQuery,
        response: { 200: unitRecordsSchema },
      },
      handler: (req) => buildUnitRecords(deps, req.ctx, req.params.id, req.query),
    });

    app.get('/indicators/:id/trend', {
      config: { policy: { policy: indicatorPolicy, action: 'read' } },
      schema: {
        tags,
        summary: 'Chart series of an indicator: actual vs expected per month, the dated targets and the forecast',
        params: idParams,
        querystring: trendQuery,
        response: { 200: trendSchema },
      },
      handler: async (req) => deps.reads.read((db) => indicatorTrend(deps, req.ctx, measure, req.params.id, req.query.asOf, db)),
    });
  };
}
