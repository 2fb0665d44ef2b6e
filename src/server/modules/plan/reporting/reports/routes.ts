import { z } from 'zod';
import type { ModulePlugin } from '../../../../core/module.js';
import { sendXlsx } from '../../../../http/excel.js';
import { idParams, pageOf, positiveId } from '../../../../http/schema.js';
import { shanghaiDate } from '../../../../core/time.js';
import { contentQuery, sendAttachment } from '../../../platform/attachments/content.js';
import { planReportPolicy } from '../policies/report.js';
import { exportReports, reportTemplate } from './excel.js';
import { reportDetailSchema, reportExportQuery, reportListQuery, reportSchema, returnReportBody, saveReportBody } from './schema.js';
import { acceptReport, getReport, listReports, readReportEvidence, returnReport, saveReport, submitReport } from './service.js';

const tags = ['plan reporting'];

export const reportRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/plan-reports', {
    config: { policy: { policy: planReportPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Reports (the office and auditors: all; a unit: its own), filtered',
      querystring: reportListQuery,
      response: { 200: pageOf(reportSchema) },
    },
    handler: (req) => listReports(deps, req.ctx, req.query),
  });
  app.get('/plan-reports/export.xlsx', {
    config: { policy: { policy: planReportPolicy, action: 'export' } },
    schema: { tags, summary: 'Reports as an Excel file, with the list filters and in the list order', querystring: reportExportQuery },
    handler: async (req, reply) => sendXlsx(reply, `指标报告-${shanghaiDate()}.xlsx`, await exportReports(deps, req.ctx, req.query)),
  });
  app.get('/plan-reports/template.xlsx', {
    config: { policy: { policy: planReportPolicy, action: 'template' } },
    schema: {
      tags,
      summary: 'My reports still to fill in, as a pre-filled Excel template to upload to POST /api/plan-imports',
      querystring: z.object({ periodId: z.coerce.number().int().positive().optional() }),
    },
    handler: async (req, reply) => sendXlsx(reply, '指标填报模板.xlsx', await reportTemplate(deps, req.ctx, req.query)),
  });
  app.get('/plan-reports/:id', {
    config: { policy: { policy: planReportPolicy, action: 'read' } },
    schema: { tags, summary: 'One report with its evidence and history', params: idParams, response: { 200: reportDetailSchema } },
    handler: (req) => getReport(deps, req.ctx, req.params.id),
  });
  app.put('/plan-reports/:id', {
    config: { policy: { policy: planReportPolicy, action: 'save' } },
    schema: {
      tags,
      summary: 'Save my report as a draft (a returned one as corrected)',
      params: idParams,
      body: saveReportBody,
      response: { 200: reportDetailSchema },
    },
    handler: (req) => saveReport(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/plan-reports/:id/submit', {
    config: { policy: { policy: planReportPolicy, action: 'submit' } },
    schema: {
      tags,
      summary: 'Submit (or resubmit) my report, optionally with last edits; late after the deadline',
      params: idParams,
      body: saveReportBody.nullish(),
      response: { 200: reportDetailSchema },
    },
    handler: (req) => submitReport(deps, req.ctx, req.params.id, req.body ?? {}),
  });
  app.post('/plan-reports/:id/return', {
    config: { policy: { policy: planReportPolicy, action: 'return' } },
    schema: {
      tags,
      summary: 'Return a submitted report with a reason (the office)',
      params: idParams,
      body: returnReportBody,
      response: { 200: reportDetailSchema },
    },
    handler: (req) => returnReport(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post('/plan-reports/:id/accept', {
    config: { policy: { policy: planReportPolicy, action: 'accept' } },
    schema: { tags, summary: 'Accept a submitted report (the office): its value now counts', params: idParams, response: { 200: reportDetailSchema } },
    handler: (req) => acceptReport(deps, req.ctx, req.params.id),
  });
  app.get('/plan-reports/:id/evidence/:attachmentId', {
    config: { policy: { policy: planReportPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'Open an evidence file of a report: photos and PDFs inline, others (and ?download=1) as a download; audited',
      params: idParams.extend({ attachmentId: positiveId }),
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readReportEvidence(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });
};
