import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { pageOf, positiveId } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { riskReviewPolicy } from '../policies/riskReview.js';
import { riskRulePolicy } from '../policies/riskRule.js';
import type { RiskRuleCode } from '../tables.js';
import {
  decideBody,
  listReviewsQuery,
  redemptionParams,
  riskReviewDetailView,
  riskReviewView,
  riskRuleParams,
  riskRuleVersionView,
  riskRuleView,
  updateRiskRuleBody,
} from './schema.js';
import { readReviewEvidence } from './proofEvidence.js';
import { decideReview, getReview, listReviews, listRiskRules, riskRuleHistory, updateRiskRule } from './service.js';

const tags = ['trade-in risk control'];

export const riskRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/risk/rules', {
    config: { policy: { policy: riskRulePolicy, action: 'list' } },
    schema: { tags, summary: 'Risk rules with their current thresholds', response: { 200: z.array(riskRuleView) } },
    handler: (req) => listRiskRules(deps, req.ctx),
  });
  app.put('/tradein/risk/rules/:code', {
    config: { policy: { policy: riskRulePolicy, action: 'update' } },
    schema: {
      tags,
      summary: 'Change a rule (a new version; the parameters are checked against the rule)',
      description:
        '400 with params.<name> for a parameter the rule does not take or out of range. Send `baseVersion`, the `version` the editor loaded: when someone saved a new version since, the answer is 409 VERSION_CONFLICT and nothing changes (reload and edit again). Without it the version current when the request is served is the base; two saves at the same moment still never make the same version, the later one is 409 VERSION_CONFLICT. Unchanged settings make no new version.',
      params: riskRuleParams,
      body: updateRiskRuleBody,
      response: { 200: riskRuleView },
    },
    handler: (req) => updateRiskRule(deps, req.ctx, req.params.code as RiskRuleCode, req.body),
  });
  app.get('/tradein/risk/rules/:code/history', {
    config: { policy: { policy: riskRulePolicy, action: 'readHistory' } },
    schema: { tags, summary: 'Every version of a rule, newest first', params: riskRuleParams, response: { 200: z.array(riskRuleVersionView) } },
    handler: (req) => riskRuleHistory(deps, req.ctx, req.params.code as RiskRuleCode),
  });
  app.get('/tradein/risk/reviews', {
    config: { policy: { policy: riskReviewPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'The review queue of flagged redemptions (highest score first by default)',
      querystring: listReviewsQuery,
      response: { 200: pageOf(riskReviewView) },
    },
    handler: (req) => listReviews(deps, req.ctx, req.query),
  });
  app.get('/tradein/risk/reviews/:redemptionId', {
    config: { policy: { policy: riskReviewPolicy, action: 'read' } },
    schema: { tags, summary: 'One flagged redemption with its reasons and decisions', params: redemptionParams, response: { 200: riskReviewDetailView } },
    handler: (req) => getReview(deps, req.ctx, req.params.redemptionId),
  });
  app.get('/tradein/risk/reviews/:redemptionId/evidence/:attachmentId', {
    config: { policy: { policy: riskReviewPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'Open the photo of a flagged sale’s old-item proof: inline (or ?download=1); audited',
      params: redemptionParams.extend({ attachmentId: positiveId }),
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readReviewEvidence(deps, req.ctx, req.params.redemptionId, req.params.attachmentId, req.query.download), req.query),
  });
  app.post('/tradein/risk/reviews/:redemptionId/decision', {
    config: { policy: { policy: riskReviewPolicy, action: 'decide' } },
    schema: {
      tags,
      summary: 'Hold, clear or reject a flagged redemption, with a note',
      description:
        '409 INVALID_STATE for a decision the review’s state does not allow (cleared and rejected are final; a reversed or settled redemption cannot be reviewed).',
      params: redemptionParams,
      body: decideBody,
      response: { 200: riskReviewDetailView },
    },
    handler: (req) => decideReview(deps, req.ctx, req.params.redemptionId, req.body),
  });
};
