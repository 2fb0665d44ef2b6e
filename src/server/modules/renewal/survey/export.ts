import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { addSheet, newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { surveyPolicy } from '../policies/survey.js';
import { dictionaryLabels, listRegister } from './queries.js';
import { surveyResults } from './results.js';
import type { FiguresView, RegisterRowView } from './schema.js';

const ZH = {
  group: '范围',
  register: '名录企业数',
  submitted: '待审核',
  checked: '已审核',
  response: '有效回收率%',
  rd: '数字化研发设计工具普及率%',
  cnc: '关键工序数控化率%',
  change: '较2023年变化（百分点）',
  cover: '数字化改造覆盖率%（已审核企业）',
  lower: '数字化改造覆盖率下限%（名录企业）',
  apps: '5G+工业互联网应用数',
  byTown: '按镇街',
  byIndustry: '按行业',
  rows: '企业填报',
  code: '统一社会信用代码',
  name: '企业名称',
  town: '镇街',
  industry: '行业',
  status: '状态',
  keyP: '关键工序数',
  cncP: '数控化关键工序数',
  tools: '数字化研发设计工具',
  transformed: '已完成数字化改造',
  onBehalf: '代录',
  yes: '是',
  no: '否',
};
const EN: typeof ZH = {
  group: 'Scope',
  register: 'Register size',
  submitted: 'Awaiting check',
  checked: 'Checked',
  response: 'Response rate %',
  rd: 'Digital R&D tool rate %',
  cnc: 'Key-process CNC rate %',
  change: 'Change from 2023 (points)',
  cover: 'Digital transformation coverage % (checked)',
  lower: 'Coverage lower bound % (register)',
  apps: '5G + industrial internet applications',
  byTown: 'By town',
  byIndustry: 'By industry',
  rows: 'Responses',
  code: 'Credit code',
  name: 'Enterprise',
  town: 'Town',
  industry: 'Industry',
  status: 'Status',
  keyP: 'Key processes',
  cncP: 'CNC key processes',
  tools: 'Digital R&D tools',
  transformed: 'Transformed',
  onBehalf: 'On behalf',
  yes: 'yes',
  no: 'no',
};

/** The round's results (city, by town, by industry) and every register row with its response, to Excel; audited. */
export async function exportSurvey(deps: AppDeps, ctx: RequestContext, roundId: number): Promise<{ filename: string; buffer: Buffer }> {
  authorize(ctx.actor, surveyPolicy, 'export');
  const l = ctx.locale === 'zh-CN' ? ZH : EN;
  const results = await surveyResults(deps, ctx, roundId);
  const db = deps.database.db;
  const rows = (await listRegister(db, ctx.actor, roundId, { page: 1, pageSize: 100_000, order: 'asc', sort: 'town' })).items;
  const industries = await dictionaryLabels(db, 'industry', ctx.locale);
  const tools = await dictionaryLabels(db, 'renewal_digital_rd_tool', ctx.locale);
  const columns = [
    { header: l.group, width: 22, value: (f: FiguresView) => f.label },
    { header: l.register, value: (f: FiguresView) => f.registerSize },
    { header: l.checked, value: (f: FiguresView) => f.checked },
    { header: l.submitted, value: (f: FiguresView) => f.submitted },
    { header: l.response, value: (f: FiguresView) => f.responseRate },
    { header: l.rd, value: (f: FiguresView) => f.rdToolRate },
    { header: l.cnc, value: (f: FiguresView) => f.cncRate },
    { header: l.change, value: (f: FiguresView) => f.cncChange },
    { header: l.cover, value: (f: FiguresView) => f.transformationCoverage },
    { header: l.lower, value: (f: FiguresView) => f.transformationLowerBound },
    { header: l.apps, value: (f: FiguresView) => f.apps5g },
  ];
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  addSheet<FiguresView>(workbook, { name: `${results.round.year} ${l.byTown}`, rows: [results.city, ...results.byTown], columns });
  addSheet<FiguresView>(workbook, { name: `${results.round.year} ${l.byIndustry}`, rows: [results.city, ...results.byIndustry], columns });
  const yn = (b: boolean | undefined) => (b === undefined ? null : b ? l.yes : l.no);
  addSheet<RegisterRowView>(workbook, {
    name: l.rows,
    rows,
    columns: [
      { header: l.code, width: 22, value: (r) => r.creditCode },
      { header: l.name, width: 32, value: (r) => r.name },
      { header: l.town, value: (r) => r.townName },
      { header: l.industry, value: (r) => industries.get(r.industry) ?? r.industry },
      { header: l.status, value: (r) => r.response?.status ?? '' },
      { header: l.tools, width: 30, value: (r) => r.response?.answers.rdTools.map((c) => tools.get(c) ?? c).join('、') ?? null },
      { header: l.keyP, value: (r) => r.response?.answers.keyProcesses ?? null },
      { header: l.cncP, value: (r) => r.response?.answers.cncProcesses ?? null },
      { header: l.transformed, value: (r) => yn(r.response?.answers.transformed) },
      { header: l.apps, value: (r) => r.response?.answers.app5gCount ?? null },
      { header: l.onBehalf, value: (r) => yn(r.response?.onBehalf) },
    ],
  });
  const buffer = await workbookToBuffer(workbook);
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, { entity: 'renewal_survey_round', entityId: roundId, action: 'export', after: { rows: rows.length } }),
  );
  return { filename: `${ctx.locale === 'zh-CN' ? '企业数字化调查' : 'digitalisation-survey'}-${results.round.year}.xlsx`, buffer };
}
