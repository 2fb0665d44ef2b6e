import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { settlementBatchPolicy } from '../policies/settlementBatch.js';
import {
  batchDetailView,
  batchView,
  createBatchesBody,
  createBatchesResponse,
  exportBatchesQuery,
  listBatchesQuery,
  markPaidBody,
  noteBody,
} from './schema.js';
import { paymentFile } from './paymentFile.js';
import { createBatches, getBatch, listBatches, moveBatch } from './service.js';

const tags = ['trade-in settlement'];
const illegal = '409 INVALID_STATE when the batch is not in the state this step starts from (draft → approved → confirmed → paid).';

export const settlementRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/tradein/settlement/batches', {
    config: { policy: { policy: settlementBatchPolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Make the settlement batches of a month (idempotent per merchant and month)',
      description: '400 period field.settlement.periodNotEnded for a month not yet over. A merchant with nothing to settle gets no batch.',
      body: createBatchesBody,
      response: { 200: createBatchesResponse },
    },
    handler: (req) => createBatches(deps, req.ctx, req.body),
  });
  app.get('/tradein/settlement/batches', {
    config: { policy: { policy: settlementBatchPolicy, action: 'list' } },
    schema: { tags, summary: 'Settlement batches (a merchant sees its own)', querystring: listBatchesQuery, response: { 200: pageOf(batchView) } },
    handler: (req) => listBatches(deps, req.ctx, req.query),
  });
  app.get('/tradein/settlement/export.xlsx', {
    config: { policy: { policy: settlementBatchPolicy, action: 'export' } },
    schema: { tags, summary: 'Payment file of a month (full bank accounts for 市财政局 only, audited)', querystring: exportBatchesQuery },
    handler: async (req, reply) => {
      const file = await paymentFile(deps, req.ctx, req.query);
      return sendXlsx(reply, file.filename, file.buffer);
    },
  });
  app.get('/tradein/settlement/batches/:id', {
    config: { policy: { policy: settlementBatchPolicy, action: 'read' } },
    schema: { tags, summary: 'A batch with its lines (subsidies and claw-backs)', params: idParams, response: { 200: batchDetailView } },
    handler: (req) => getBatch(deps, req.ctx, req.params.id),
  });
  app.get('/tradein/settlement/batches/:id/export.xlsx', {
    config: { policy: { policy: settlementBatchPolicy, action: 'export' } },
    schema: { tags, summary: 'Payment file of one batch (full bank account for 市财政局 only, audited)', params: idParams },
    handler: async (req, reply) => {
      const file = await paymentFile(deps, req.ctx, { batchId: req.params.id });
      return sendXlsx(reply, file.filename, file.buffer);
    },
  });
  app.post('/tradein/settlement/batches/:id/approve', {
    config: { policy: { policy: settlementBatchPolicy, action: 'approve' } },
    schema: { tags, summary: '市商务局 approves a draft batch', description: illegal, params: idParams, body: noteBody, response: { 200: batchDetailView } },
    handler: (req) => moveBatch(deps, req.ctx, req.params.id, 'approve', { note: req.body.note }),
  });
  app.post('/tradein/settlement/batches/:id/confirm', {
    config: { policy: { policy: settlementBatchPolicy, action: 'confirm' } },
    schema: {
      tags,
      summary: '市财政局 confirms an approved batch',
      description: illegal,
      params: idParams,
      body: noteBody,
      response: { 200: batchDetailView },
    },
    handler: (req) => moveBatch(deps, req.ctx, req.params.id, 'confirm', { note: req.body.note }),
  });
  app.post('/tradein/settlement/batches/:id/paid', {
    config: { policy: { policy: settlementBatchPolicy, action: 'markPaid' } },
    schema: {
      tags,
      summary: '市财政局 marks a confirmed batch paid, with the payment reference',
      description: illegal,
      params: idParams,
      body: markPaidBody,
      response: { 200: batchDetailView },
    },
    handler: (req) => moveBatch(deps, req.ctx, req.params.id, 'markPaid', { paymentReference: req.body.paymentReference }),
  });
};
