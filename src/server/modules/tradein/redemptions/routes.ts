import type { ModulePlugin } from '../../../core/module.js';
import { idParams, pageOf, pageQuery } from '../../../http/schema.js';
import { redemptionPolicy } from '../policies/redemption.js';
import { deviceIdFrom } from '../risk/assess.js';
import { listRedemptionsQuery, redeemBody, redemptionView, reverseBody } from './schema.js';
import { listMyPurchases, listRedemptions, redeem, reverseRedemption } from './service.js';

const tags = ['trade-in redemptions'];

export const redemptionRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/tradein/redemptions', {
    config: { policy: { policy: redemptionPolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Redeem a voucher at the till (立购立减); price in fen',
      description:
        '409 SERIAL_ALREADY_SUBSIDISED, INVOICE_ALREADY_USED, VOUCHER_NOT_ACTIVE, VOUCHER_EXPIRED, VOUCHER_CATEGORY_MISMATCH, MERCHANT_NOT_ENROLLED, PRICE_ABOVE_CEILING, PRODUCT_NOT_ELIGIBLE, BUDGET_EXHAUSTED, OLD_ITEM_PROOF_REJECTED.',
      body: redeemBody,
      response: { 201: redemptionView },
    },
    handler: async (req, reply) => reply.code(201).send(await redeem(deps, req.ctx, req.body, { deviceId: deviceIdFrom(req.headers) })),
  });
  app.get('/tradein/redemptions', {
    config: { policy: { policy: redemptionPolicy, action: 'list' } },
    schema: { tags, summary: 'Redemptions (a merchant sees its own)', querystring: listRedemptionsQuery, response: { 200: pageOf(redemptionView) } },
    handler: (req) => listRedemptions(deps, req.ctx, req.query),
  });
  app.get('/tradein/redemptions/mine', {
    config: { policy: { policy: redemptionPolicy, action: 'listMine' } },
    schema: {
      tags,
      summary: 'My purchases with subsidies (resident)',
      querystring: pageQuery,
      response: { 200: pageOf(redemptionView) },
    },
    handler: (req) => listMyPurchases(deps, req.ctx, req.query),
  });
  app.post('/tradein/redemptions/:id/reverse', {
    config: { policy: { policy: redemptionPolicy, action: 'reverse' } },
    schema: { tags, summary: 'Reverse a redemption after a return or refund', params: idParams, body: reverseBody, response: { 200: redemptionView } },
    handler: (req) => reverseRedemption(deps, req.ctx, req.params.id, req.body.reason),
  });
};
