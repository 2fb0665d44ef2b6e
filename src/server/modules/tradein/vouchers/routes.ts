import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { deviceIdFrom, recordClaimDevice } from '../risk/assess.js';
import { poolPolicy } from '../policies/pool.js';
import { voucherPolicy } from '../policies/voucher.js';
import { claimResponse, codeParams, createPoolBody, listPoolsQuery, poolView, voucherLookupView, voucherView } from './schema.js';
import { claimVoucher, createPool, listPools, lookupVoucher, myVouchers } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['trade-in vouchers'];

export const voucherRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/tradein/programs/:id/pools', {
    config: { policy: { policy: poolPolicy, action: 'create' } },
    schema: { tags, summary: 'Open a release of vouchers for one category', params: idParams, body: createPoolBody, response: { 201: poolView } },
    handler: async (req, reply) => reply.code(201).send(await createPool(deps, req.ctx, req.params.id, req.body)),
  });
  app.get('/tradein/pools', {
    config: { policy: { policy: poolPolicy, action: 'list' } },
    schema: { tags, summary: 'Releases with their live remaining quota', querystring: listPoolsQuery, response: { 200: z.array(poolView) } },
    handler: (req) => listPools(deps, req.ctx, req.query),
  });
  app.post('/tradein/pools/:id/claims', {
    config: { policy: { policy: voucherPolicy, action: 'claim' } },
    schema: {
      tags,
      summary: 'Claim a voucher (resident; send an Idempotency-Key so a retry returns the same voucher)',
      description:
        '409 POOL_EXHAUSTED when the release is empty; 409 ALREADY_CLAIMED when the person holds an active voucher for the category or reached the programme’s limit.',
      params: idParams,
      response: { 201: claimResponse },
    },
    handler: async (req, reply) => {
      const claimed = await claimVoucher(deps, req.ctx, req.params.id);
      // Risk control: the resident's device, when the app sends one, links residents who claim on one phone.
      await recordClaimDevice(deps, req.ctx.actor.userId, claimed.voucher.id, deviceIdFrom(req.headers));
      return reply.code(201).send(claimed);
    },
  });
  app.get('/tradein/vouchers/mine', {
    config: { policy: { policy: voucherPolicy, action: 'listOwn' } },
    schema: { tags, summary: 'My vouchers, with the code to show at the till and the expiry', response: { 200: z.array(voucherView) } },
    handler: (req) => myVouchers(deps, req.ctx),
  });
  app.get('/tradein/vouchers/:code', {
    config: { policy: { policy: voucherPolicy, action: 'lookup' } },
    schema: { tags, summary: 'Look a voucher up by its code (merchant at the till, supervisors)', params: codeParams, response: { 200: voucherLookupView } },
    handler: (req) => lookupVoucher(deps, req.ctx, req.params.code),
  });
};
