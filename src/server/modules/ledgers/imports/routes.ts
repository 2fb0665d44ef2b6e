import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { readUploadedFile } from '../../../http/multipart.js';
import { idParams, pageOf, pageQuery } from '../../../http/schema.js';
import { assetPolicy } from '../policies/asset.js';
import { getLedgerImport, kindTemplate, listLedgerImports, startLedgerImport } from './service.js';

const tags = ['ledgers'];
const policy = { policy: { policy: assetPolicy, action: 'import' } };

export const importJobView = z.object({
  id: z.number().int(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  filename: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  insertedRows: z.number().int(),
  updatedRows: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string(), message: z.string() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** Excel templates and imports of assets. */
export const importsRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/ledgers/kinds/:id/template', {
    config: policy,
    schema: { tags, summary: 'The import template of a ledger kind, generated from its definition (xlsx)', params: idParams },
    handler: async (req, reply) => {
      const { filename, data } = await kindTemplate(deps, req.ctx, req.params.id);
      return sendXlsx(reply, filename, data);
    },
  });
  app.post('/ledgers/kinds/:id/imports', {
    config: policy,
    schema: {
      tags,
      summary: 'Upload a filled-in template (multipart field "file"); checked in the background, all rows or none, re-import by the unique field',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 202: importJobView },
    },
    handler: async (req, reply) => {
      const { filename, data } = await readUploadedFile(req);
      return reply.code(202).send(await startLedgerImport(deps, req.ctx, req.params.id, filename, data));
    },
  });
  app.get('/ledgers/imports/:id', {
    config: policy,
    schema: { tags, summary: 'Progress and outcome of my import (poll until succeeded or failed)', params: idParams, response: { 200: importJobView } },
    handler: (req) => getLedgerImport(deps, req.ctx, req.params.id),
  });
  app.get('/ledgers/kinds/:id/imports', {
    config: policy,
    schema: {
      tags,
      summary: 'My recent imports into a ledger kind, newest first',
      params: idParams,
      querystring: pageQuery,
      response: { 200: pageOf(importJobView) },
    },
    handler: (req) => listLedgerImports(deps, req.ctx, req.params.id, req.query),
  });
};
