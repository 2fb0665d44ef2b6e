import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { deviceIdFrom, recordClaimDevice } from '../risk/assess.js';
import { poolPolicy } from '../policies/pool.js';
import { voucherPolicy } from '../policies/voucher.js';
import { requestClaim, myQueuePlace } from './claimService.js';
import {
  claimQueuedResponse,
  claimResponse,
  codeParams,
  queuePlaceView,
  createPoolBody,
  listPoolsQuery,
  poolView,
  voucherLookupView,
  voucherView,
} from './schema.js';
import { createPool, listPools, lookupVoucher, myVouchers } from './service.js';
import { idParams } from '../../../http/schema.js';
import { claimAdmissionFor } from './claimAdmission.js';

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
        '201 with the voucher; 202 with a place in the release’s queue when the release is busier than the database can take (ask GET …/queue for it). ' +
        '409 POOL_EXHAUSTED when the release is empty; 409 ALREADY_CLAIMED when the person holds an active voucher for the category or reached the programme’s limit; ' +
        '409 CLAIM_QUEUE_FULL when those waiting already speak for the vouchers left; 429 CLAIM_RATE_LIMITED past the per-person or per-address burst limit.',
      params: idParams,
      response: { 201: claimResponse, 202: claimQueuedResponse },
    },
    handler: async (req, reply) => {
      const answer = await requestClaim(deps, req.ctx, req.params.id, deviceIdFrom(req.headers));
      if ('queued' in answer)
        return reply
          .code(202)
          .header('retry-after', String(answer.queued.retryAfterSeconds ?? 2))
          .send(answer);
      // Risk control: the resident's device, when the app sends one, links residents who claim on one phone.
      await recordClaimDevice(deps, req.ctx.actor.userId, answer.voucher.id, deviceIdFrom(req.headers));
      return reply.code(201).send(answer);
    },
  });
  app.get('/tradein/pools/:id/queue', {
    config: { policy: { policy: voucherPolicy, action: 'claim' } },
    schema: {
      tags,
      summary: 'My place in a release’s queue: position and expected wait, or the voucher once claimed',
      params: idParams,
      response: { 200: queuePlaceView },
    },
    handler: async (req, reply) => {
      const place = await myQueuePlace(deps, req.ctx, req.params.id);
      if (place.retryAfterSeconds !== null) void reply.header('retry-after', String(place.retryAfterSeconds));
      return place;
    },
  });
  // The drainer feeds this process's claim batch from the shared queue; it stops with the server.
  app.addHook('onReady', async () => claimAdmissionFor(deps).start());
  app.addHook('onClose', async () => claimAdmissionFor(deps).stop());
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
