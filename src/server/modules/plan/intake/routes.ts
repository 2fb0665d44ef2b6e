import type { ModulePlugin } from '../../../core/module.js';
import { readUploadedFile } from '../../../http/multipart.js';
import { planIntakePolicy } from './policy.js';
import { intakeResultSchema, intakeTextBody } from './schema.js';
import { draftPlan, draftPlanFromUpload } from './service.js';
import { badRequest } from '../../../core/errors.js';

const tags = ['plan'];

/** Plan intake from a document's text: a draft plan file to review, nothing written. */
export const intakeRoutes: ModulePlugin = async (app) => {
  app.post('/plans/intake', {
    config: { policy: { policy: planIntakePolicy, action: 'draft' } },
    schema: {
      tags,
      summary: 'Draft a plan file from a plan document: JSON {text} or a multipart upload (field "file": .docx, text-layer .pdf, .txt)',
      consumes: ['application/json', 'multipart/form-data'],
      response: { 200: intakeResultSchema },
    },
    handler: async (req) => {
      if (req.isMultipart()) {
        const { filename, data } = await readUploadedFile(req);
        return draftPlanFromUpload(req.ctx, filename, data);
      }
      const body = intakeTextBody.safeParse(req.body);
      if (!body.success) throw badRequest(body.error.issues.map((i) => ({ path: i.path.join('.') || 'text', reason: 'field.required' as const })));
      return draftPlan(req.ctx, body.data.text);
    },
  });
};
