import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { carPaymentBatchPolicy } from '../policies/paymentBatch.js';
import { batchDetailView, batchView, createBatchBody, markPaidBody } from './schema.js';
import { cancelPaymentBatch, createPaymentBatch, exportPaymentFile, getPaymentBatch, listPaymentBatches, markPaymentBatchPaid } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['car trade-in'];
const policy = (action: (typeof carPaymentBatchPolicy.actions)[number]) => ({ policy: { policy: carPaymentBatchPolicy, action } });

export const paymentBatchRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/car-payment-batches', {
    config: policy('list'),
    schema: { tags, summary: 'Payment batches, newest first', response: { 200: z.array(batchView) } },
    handler: (req) => listPaymentBatches(deps, req.ctx),
  });
  app.post('/tradein/car-payment-batches', {
    config: policy('create'),
    schema: {
      tags,
      summary: '市财政局 puts approved applications into a payment batch (they move to in_payment)',
      body: createBatchBody,
      response: { 201: batchDetailView },
    },
    handler: async (req, reply) => reply.code(201).send(await createPaymentBatch(deps, req.ctx, req.body)),
  });
  app.get('/tradein/car-payment-batches/:id', {
    config: policy('read'),
    schema: { tags, summary: 'One batch with its applications', params: idParams, response: { 200: batchDetailView } },
    handler: (req) => getPaymentBatch(deps, req.ctx, req.params.id),
  });
  app.get('/tradein/car-payment-batches/:id/file', {
    config: policy('exportFile'),
    schema: {
      tags,
      summary: 'The payment file (.xlsx) with full bank accounts, for 市财政局 only (audited)',
      params: idParams,
    },
    handler: async (req, reply) => {
      const file = await exportPaymentFile(deps, req.ctx, req.params.id);
      return sendXlsx(reply, file.filename, file.buffer);
    },
  });
  app.post('/tradein/car-payment-batches/:id/paid', {
    config: policy('markPaid'),
    schema: {
      tags,
      summary: 'Mark a batch paid with the payment reference; its applications become paid',
      params: idParams,
      body: markPaidBody,
      response: { 200: batchDetailView },
    },
    handler: (req) => markPaymentBatchPaid(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/car-payment-batches/:id/cancel', {
    config: policy('cancel'),
    schema: { tags, summary: 'Withdraw an unpaid batch; its applications are approved again', params: idParams, response: { 200: batchDetailView } },
    handler: (req) => cancelPaymentBatch(deps, req.ctx, req.params.id),
  });
};
