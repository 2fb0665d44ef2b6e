import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { readUploadedFile } from '../../../http/multipart.js';
import { attachmentPolicy } from '../policies/attachment.js';
import { downloadAttachment, storeAttachment } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['attachments'];
const attachmentSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

export const attachmentRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/attachments', {
    config: { policy: { policy: attachmentPolicy, action: 'upload' } },
    schema: {
      tags,
      summary: 'Upload one evidence file (multipart field "file"; pdf, png, jpg, docx, xlsx; size-limited)',
      consumes: ['multipart/form-data'],
      response: { 201: attachmentSchema },
    },
    handler: async (req, reply) => {
      const { filename, data } = await readUploadedFile(req);
      return reply.code(201).send(await storeAttachment(deps, req.ctx, filename, data));
    },
  });

  app.get('/attachments/:id', {
    config: { policy: { policy: attachmentPolicy, action: 'read' } },
    schema: { tags, summary: 'Download an evidence file', params: idParams },
    handler: async (req, reply) => {
      const file = await downloadAttachment(deps, req.ctx, req.params.id);
      return reply
        .type(file.mimeType)
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.data);
    },
  });
};
