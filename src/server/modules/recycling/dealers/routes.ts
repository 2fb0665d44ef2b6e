import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import { idParams, positiveId } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { creditPolicy } from '../policies/credit.js';
import { dealerPolicy } from '../policies/dealer.js';
import { publishRules, ruleHistory } from './credit.js';
import { tradeSheet } from './labels.js';
import { publicDealers, publicViolations } from './public.js';
import { dealerOrganizationOptions, listDealers, loadDealer } from './queries.js';
import {
  dealerDetailView,
  dealerInput,
  dealerPage,
  exportTradesQuery,
  listDealersQuery,
  listTradesQuery,
  listViolationsQuery,
  moveDealerBody,
  organizationOptions,
  organizationOptionsQuery,
  publicDealerPage,
  publicQuery,
  publicViolationPage,
  publicViolationsQuery,
  publishRulesBody,
  revokeBody,
  ruleHistoryView,
  tradeInput,
  tradePage,
  tradeView,
  updateDealerBody,
  violationInput,
  violationPage,
  violationView,
} from './schema.js';
import { moveDealer, registerDealer, updateDealer } from './service.js';
import { exportTrades, listTrades, recordTrade } from './trades.js';
import { listViolations, readViolationEvidence, recordViolation, revokeViolation } from './violations.js';

const tags = ['recycling dealers'];
const dealer = (action: (typeof dealerPolicy.actions)[number]) => ({ policy: { policy: dealerPolicy, action } });
const credit = (action: (typeof creditPolicy.actions)[number]) => ({ policy: { policy: creditPolicy, action } });

export const dealersRoutes: ModulePlugin = async (app, { deps }) => {
  // Public (no sign-in): the disclosure, the grades and the rules they come from.
  app.get('/recycling/public/credit/violations', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Violations in force within their disclosure period (no login): dealer, credit code, type, date, penalty, issuing unit',
      description: 'No personal data: no contacts, mobiles, recording officials, VINs or plates; descriptions are checked before they are stored.',
      security: [],
      querystring: publicViolationsQuery,
      response: { 200: publicViolationPage },
    },
    handler: (req) => publicViolations(deps, req.ctx, req.query),
  });
  app.get('/recycling/public/credit/dealers', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Registered second-hand dealers with their credit grade today and the rule version that produced it (no login)',
      security: [],
      querystring: publicQuery,
      response: { 200: publicDealerPage },
    },
    handler: (req) => publicDealers(deps, req.ctx, req.query),
  });
  app.get('/recycling/public/credit/rules', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'The credit grading rules: the current version and every earlier one (no login)',
      security: [],
      response: { 200: ruleHistoryView },
    },
    handler: (req) => ruleHistory(deps, req.ctx),
  });
  app.post('/recycling/credit/rules', {
    config: credit('publishRules'),
    schema: {
      tags,
      summary: 'Publish a new version of the grading rules (市商务局, the office); `baseVersion` is the one edited (409 when stale)',
      body: publishRulesBody,
      response: { 200: ruleHistoryView },
    },
    handler: (req) => publishRules(deps, req.ctx, req.body),
  });

  // The register.
  app.get('/recycling/dealers', {
    config: dealer('list'),
    schema: {
      tags,
      summary: 'Second-hand dealers with their grade (a town its own town’s, an enterprise its own)',
      querystring: listDealersQuery,
      response: { 200: dealerPage },
    },
    handler: (req) => listDealers(deps, req.ctx, req.query),
  });
  app.get('/recycling/dealers/organization-options', {
    config: dealer('register'),
    schema: { tags, summary: 'Enterprises a dealer may be linked to', querystring: organizationOptionsQuery, response: { 200: organizationOptions } },
    handler: (req) => dealerOrganizationOptions(deps, req.ctx, req.query),
  });
  app.post('/recycling/dealers', {
    config: dealer('register'),
    schema: { tags, summary: 'Register a dealer from its filing (市商务局, the office)', body: dealerInput, response: { 201: dealerDetailView } },
    handler: async (req, reply) => reply.code(201).send(await registerDealer(deps, req.ctx, req.body)),
  });
  app.get('/recycling/dealers/:id', {
    config: dealer('read'),
    schema: { tags, summary: 'One dealer: details, grade, trade counts and status history', params: idParams, response: { 200: dealerDetailView } },
    handler: (req) => loadDealer(deps.database.db, req.ctx, req.params.id),
  });
  app.put('/recycling/dealers/:id', {
    config: dealer('update'),
    schema: {
      tags,
      summary: 'Change a dealer’s register entry; `version` is the one edited (409 when stale)',
      params: idParams,
      body: updateDealerBody,
      response: { 200: dealerDetailView },
    },
    handler: (req) => updateDealer(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/recycling/dealers/:id/moves', {
    config: dealer('move'),
    schema: { tags, summary: 'Suspend, reinstate or deregister a dealer', params: idParams, body: moveDealerBody, response: { 200: dealerDetailView } },
    handler: (req) => moveDealer(deps, req.ctx, req.params.id, req.body),
  });

  // Trades.
  app.get('/recycling/dealer-trades', {
    config: dealer('list'),
    schema: { tags, summary: 'Recorded trades, newest first', querystring: listTradesQuery, response: { 200: tradePage } },
    handler: (req) => listTrades(deps, req.ctx, req.query),
  });
  app.get('/recycling/dealer-trades/export.xlsx', {
    config: dealer('list'),
    schema: { tags, summary: 'Export the trades matching the filters to Excel', querystring: exportTradesQuery },
    handler: async (req, reply) => {
      const sheet = tradeSheet(req.ctx.locale, await exportTrades(deps, req.ctx, req.query));
      return sendXlsx(reply, `${sheet.name}.xlsx`, await workbookBuffer(sheet));
    },
  });
  app.post('/recycling/dealer-trades', {
    config: dealer('recordTrade'),
    schema: {
      tags,
      summary: 'Record a trade (the dealer’s own accounts, 市商务局); the same VIN twice a day at one dealer is 409 DEALER_TRADE_DUPLICATE',
      body: tradeInput,
      response: { 201: tradeView },
    },
    handler: async (req, reply) => reply.code(201).send(await recordTrade(deps, req.ctx, req.body)),
  });

  // Credit records.
  app.get('/recycling/dealer-violations', {
    config: credit('listViolations'),
    schema: { tags, summary: 'Violations (revoked ones too), newest first', querystring: listViolationsQuery, response: { 200: violationPage } },
    handler: (req) => listViolations(deps, req.ctx, req.query),
  });
  app.post('/recycling/dealer-violations', {
    config: credit('recordViolation'),
    schema: {
      tags,
      summary: 'Record a violation (a department; its organisation is the issuing unit); personal data in the published text is refused',
      body: violationInput,
      response: { 201: violationView },
    },
    handler: async (req, reply) => reply.code(201).send(await recordViolation(deps, req.ctx, req.body)),
  });
  app.post('/recycling/dealer-violations/:id/revoke', {
    config: credit('revokeViolation'),
    schema: {
      tags,
      summary: 'Revoke a violation on appeal, with the reason (the issuing unit, 市商务局, the office)',
      params: idParams,
      body: revokeBody,
      response: { 200: violationView },
    },
    handler: (req) => revokeViolation(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.get('/recycling/dealer-violations/:id/evidence/:attachmentId', {
    config: credit('readEvidence'),
    schema: {
      tags,
      summary: 'Open an evidence file of a violation (officials, auditors): photos and PDFs inline, others as a download; audited',
      params: idParams.extend({ attachmentId: positiveId }),
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readViolationEvidence(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });
};
