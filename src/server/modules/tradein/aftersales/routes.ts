import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { answerCase, getCase, listCases, listMyCases, openCase, rateCase } from './cases.js';
import { afterSalesPolicy } from './policy.js';
import {
  caseDetailView,
  caseView,
  listCasesQuery,
  merchantServicePage,
  myCasesQuery,
  openCaseBody,
  rateBody,
  refuseBody,
  resolveBody,
  respondBody,
  serviceExportQuery,
  serviceQuery,
} from './schema.js';
import { exportMerchantService, merchantService } from './service.js';

const tags = ['trade-in after-sales'];
const answerErrors = '404 when the case is not the caller’s merchant’s; 409 INVALID_STATE when the case is already closed.';

/** After-sales cases and merchants' service. */
export const afterSalesRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/tradein/after-sales', {
    config: { policy: { policy: afterSalesPolicy, action: 'open' } },
    schema: {
      tags,
      summary: 'Open a return, repair or complaint on one of my subsidised purchases (resident)',
      description:
        '404 when the purchase is not mine; 409 RETURN_WINDOW_CLOSED (field kind; params lastDay, days), RETURN_ALREADY_OPEN, SALE_NOT_STANDING (a reversed or rejected sale).',
      body: openCaseBody,
      response: { 201: caseView },
    },
    handler: async (req, reply) => reply.code(201).send(await openCase(deps, req.ctx, req.body)),
  });
  app.get('/tradein/after-sales/mine', {
    config: { policy: { policy: afterSalesPolicy, action: 'listMine' } },
    schema: { tags, summary: 'My after-sales cases, newest first (resident)', querystring: myCasesQuery, response: { 200: pageOf(caseView) } },
    handler: (req) => listMyCases(deps, req.ctx, req.query),
  });
  app.get('/tradein/after-sales', {
    config: { policy: { policy: afterSalesPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'After-sales cases of my enterprise (supervisors: every merchant’s), filtered, sorted by opening time',
      querystring: listCasesQuery,
      response: { 200: pageOf(caseView) },
    },
    handler: (req) => listCases(deps, req.ctx, req.query),
  });
  app.get('/tradein/after-sales/:id', {
    config: { policy: 'authenticated' },
    schema: {
      tags,
      summary: 'One case with its timeline (the resident who opened it, the merchant of the sale, supervisors; 404 for anyone else)',
      params: idParams,
      response: { 200: caseDetailView },
    },
    handler: (req) => getCase(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/after-sales/:id/respond', {
    config: { policy: { policy: afterSalesPolicy, action: 'answer' } },
    schema: {
      tags,
      summary: 'The merchant’s first answer (the response time)',
      description: answerErrors,
      params: idParams,
      body: respondBody,
      response: { 200: caseDetailView },
    },
    handler: (req) => answerCase(deps, req.ctx, req.params.id, { action: 'respond', note: req.body.note }),
  });
  app.post('/tradein/after-sales/:id/resolve', {
    config: { policy: { policy: afterSalesPolicy, action: 'answer' } },
    schema: {
      tags,
      summary: 'Resolve a case; a return resolved takes the goods back and reverses the subsidy (merchant staff)',
      description: `${answerErrors} 403 when a return is resolved by an account that may not reverse the sale (the enterprise administrator).`,
      params: idParams,
      body: resolveBody,
      response: { 200: caseDetailView },
    },
    handler: (req) => answerCase(deps, req.ctx, req.params.id, { action: 'resolve', outcome: req.body.outcome }),
  });
  app.post('/tradein/after-sales/:id/refuse', {
    config: { policy: { policy: afterSalesPolicy, action: 'answer' } },
    schema: { tags, summary: 'Refuse a case with a reason', description: answerErrors, params: idParams, body: refuseBody, response: { 200: caseDetailView } },
    handler: (req) => answerCase(deps, req.ctx, req.params.id, { action: 'refuse', reason: req.body.reason }),
  });
  app.post('/tradein/after-sales/:id/rate', {
    config: { policy: { policy: afterSalesPolicy, action: 'rate' } },
    schema: {
      tags,
      summary: 'Rate a resolved or refused case, once (resident)',
      description: '409 INVALID_STATE while the case is open; 409 ALREADY_RATED the second time.',
      params: idParams,
      body: rateBody,
      response: { 200: caseDetailView },
    },
    handler: (req) => rateCase(deps, req.ctx, req.params.id, req.body),
  });
  app.get('/tradein/merchant-service', {
    config: { policy: { policy: afterSalesPolicy, action: 'readService' } },
    schema: {
      tags,
      summary:
        'Merchants’ after-sales service in a window (市商务局, supervisors): sales, online share, cases, complaint rate, response hours, ratings, enrolments',
      querystring: serviceQuery,
      response: { 200: merchantServicePage },
    },
    handler: (req) => merchantService(deps, req.ctx, req.query),
  });
  app.get('/tradein/merchant-service/export', {
    config: { policy: { policy: afterSalesPolicy, action: 'readService' } },
    schema: { tags, summary: 'The merchants’ service figures as Excel (headers in the caller’s language)', querystring: serviceExportQuery },
    handler: async (req, reply) => {
      const file = await exportMerchantService(deps, req.ctx, req.query);
      return sendXlsx(reply, file.filename, file.buffer);
    },
  });
};
