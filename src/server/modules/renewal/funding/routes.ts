import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams } from '../../../http/schema.js';
import { authorize } from '../../../core/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { fundingPolicy } from '../policies/funding.js';
import { exportFunding } from './export.js';
import { fundingOverview } from './overview.js';
import { recordPayment } from './payments.js';
import { fundingOptions, listFundingProjects } from './projects.js';
import { listApplications, loadApplication } from './queries.js';
import {
  applicationDetailView,
  applicationPage,
  applyBody,
  fundingOptionsView,
  fundingProjectPage,
  fundingProjectsQuery,
  grantBody,
  listApplicationsQuery,
  overviewView,
  paymentBody,
  rejectBody,
  subsidyQuery,
  subsidyView,
} from './schema.js';
import { applyForFunding, grantFunding, rejectFunding } from './service.js';
import { computeSubsidy, subsidySettings } from './subsidy.js';

const tags = ['renewal funding'];
const BASE = '/renewal/funding';
const policy = (action: (typeof fundingPolicy.actions)[number]) => ({ policy: { policy: fundingPolicy, action } });

export const fundingRoutes: ModulePlugin = async (app, { deps }) => {
  app.get(`${BASE}/projects`, {
    config: policy('listProjects'),
    schema: {
      tags,
      summary: 'Projects whose funding the caller keeps (an enterprise its own; supervisors all), with their requested, granted and paid totals',
      querystring: fundingProjectsQuery,
      response: { 200: fundingProjectPage },
    },
    handler: (req) => listFundingProjects(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/options`, {
    config: policy('list'),
    schema: { tags, summary: 'Granting units (departments), the 贴息 day basis and per-project cap in force', response: { 200: fundingOptionsView } },
    handler: (req) => fundingOptions(deps, req.ctx),
  });
  app.get(`${BASE}/interest-subsidy`, {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Compute a loan interest subsidy (贴息) with its formula: principal × points × days ÷ basis, half-up to the fen, capped per project',
      querystring: subsidyQuery,
      response: { 200: subsidyView },
    },
    handler: async (req) => {
      const db = deps.database.db;
      authorize(req.ctx.actor, fundingPolicy, 'list', { grants: await grantsOf(db, req.ctx.actor, 'renewal') });
      const { projectId, excludeApplicationId, ...loan } = req.query;
      return computeSubsidy(await subsidySettings(deps), db, loan, req.ctx.locale, projectId, excludeApplicationId);
    },
  });
  app.get(`${BASE}/applications`, {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Funding applications (an enterprise its own projects’; supervisors all); `queue=grant` or `queue=pay` for the departments’ queues',
      querystring: listApplicationsQuery,
      response: { 200: applicationPage },
    },
    handler: (req) => listApplications(deps, req.ctx, req.query),
  });
  app.post(`${BASE}/applications`, {
    config: policy('apply'),
    schema: {
      tags,
      summary: 'Apply to a funding source for a project in the library (its enterprise; or a manager on behalf of a public body)',
      description: 'A 贴息 source takes `loan` and, without `requestedFen`, requests the computed subsidy. One open application per project and source.',
      body: applyBody,
      response: { 201: applicationDetailView },
    },
    handler: async (req, reply) => reply.code(201).send(await applyForFunding(deps, req.ctx, req.body)),
  });
  app.get(`${BASE}/applications/:id`, {
    config: policy('read'),
    schema: { tags, summary: 'One application with its payments and history', params: idParams, response: { 200: applicationDetailView } },
    handler: (req) => loadApplication(deps, req.ctx, req.params.id),
  });
  app.post(`${BASE}/applications/:id/grant`, {
    config: policy('grant'),
    schema: {
      tags,
      summary: 'Grant (下达) an application (the renewal `manage` department): amount, date, granting unit, document',
      description: 'More than requested needs `overRequestReason` (the database refuses it otherwise). 贴息: computed from the loan, capped per project.',
      params: idParams,
      body: grantBody,
      response: { 200: applicationDetailView },
    },
    handler: (req) => grantFunding(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/applications/:id/reject`, {
    config: policy('reject'),
    schema: {
      tags,
      summary: 'Reject an application with its reason (the renewal `manage` department)',
      params: idParams,
      body: rejectBody,
      response: { 200: applicationDetailView },
    },
    handler: (req) => rejectFunding(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post(`${BASE}/applications/:id/payments`, {
    config: policy('pay'),
    schema: {
      tags,
      summary: 'Record a payment (拨付) of a granted application (the renewal `confirm_payment` department, 市财政局)',
      description: 'Never above what is left of the grant: 409 FUNDING_PAYMENT_EXCEEDS_GRANT, held by the database against concurrent payments.',
      params: idParams,
      body: paymentBody,
      response: { 201: applicationDetailView },
    },
    handler: async (req, reply) => reply.code(201).send(await recordPayment(deps, req.ctx, req.params.id, req.body)),
  });
  app.get(`${BASE}/overview`, {
    config: policy('overview'),
    schema: { tags, summary: 'Funding by source, by year (granted and paid), by sector and by town', response: { 200: overviewView } },
    handler: (req) => fundingOverview(deps, req.ctx),
  });
  app.get(`${BASE}/overview/export.xlsx`, {
    config: policy('export'),
    schema: {
      tags,
      summary: 'The overview and the applications matching the filters, to Excel',
      querystring: listApplicationsQuery.omit({ page: true, pageSize: true }),
    },
    handler: async (req, reply) => {
      const { buffer, filename } = await exportFunding(deps, req.ctx, req.query);
      return sendXlsx(reply, filename, buffer);
    },
  });
};
