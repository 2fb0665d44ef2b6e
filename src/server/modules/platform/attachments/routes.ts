import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { readUploadedFile } from '../../../http/multipart.js';
import { attachmentPolicy } from '../policies/attachment.js';
import { contentQuery, sendAttachment } from './content.js';
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
    schema: {
      tags,
      summary: 'Open an evidence file: photos and PDFs inline, other types (and ?download=1) as a download; audited',
      description:
        'For its uploader, its organisation, the office and auditors. Reviewers of a record that cites a file open it through that record (e.g. `/api/tradein/car-applications/:id/evidence/:attachmentId`), with the same headers. Every opening is written to the audit trail as `attachment`/`viewed`. The file is sent with its checked type, `nosniff`, its own CSP and `Cache-Control: private, no-store`.',
      params: idParams,
      querystring: contentQuery,
    },
    handler: async (req, reply) => sendAttachment(reply, await downloadAttachment(deps, req.ctx, req.params.id, req.query), req.query),
  });
};
