import { z } from 'zod';
import type { ModulePlugin } from '../../../../core/module.js';
import { AppError } from '../../../../core/errors.js';
import { readUploadedFile } from '../../../../http/multipart.js';
import { planImportPolicy } from '../policies/importJob.js';
import { getImportJob, startImport } from './service.js';
import { idParams } from '../../../../http/schema.js';

const tags = ['plan reporting'];
const importJobSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string(), message: z.string() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const importRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/plan-imports', {
    config: { policy: { policy: planImportPolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Upload a filled-in report template (multipart field "file"); imported in the background, all rows or none',
      consumes: ['multipart/form-data'],
      response: { 202: importJobSchema },
    },
    handler: async (req, reply) => {
      const { filename, data } = await readUploadedFile(req);
      // An xlsx is a zip container: refuse anything else before starting a job.
      if (data.length < 4 || !data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
        throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'error.UNSUPPORTED_FILE_TYPE', { allowed: 'xlsx' }, [
          { path: 'file', reason: 'field.fileType', params: { allowed: 'xlsx' } },
        ]);
      return reply.code(202).send(await startImport(deps, req.ctx, filename, data));
    },
  });
  app.get('/plan-imports/:id', {
    config: { policy: { policy: planImportPolicy, action: 'read' } },
    schema: { tags, summary: 'Progress and outcome of my import (poll until succeeded or failed)', params: idParams, response: { 200: importJobSchema } },
    handler: (req) => getImportJob(deps, req.ctx, req.params.id),
  });
};
