import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { briefingPolicy } from '../reporting/policies/briefing.js';
import { briefingData, monthlyBriefingDocx } from './service.js';

export const briefingRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/briefings/monthly.docx', {
    config: { policy: { policy: briefingPolicy, action: 'generate' } },
    schema: {
      tags: ['plan briefing'],
      summary: 'The monthly work briefing (工作简报) of a plan as a Word document',
      querystring: z.object({
        planId: z.coerce.number().int().positive(),
        period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'field.period.format'),
      }),
    },
    handler: async (req, reply) => {
      const data = await briefingData(deps, req.ctx, req.query.planId, req.query.period);
      const buffer = await monthlyBriefingDocx(data);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="briefing.docx"; filename*=UTF-8''${encodeURIComponent(`工作简报-${req.query.period}.docx`)}`)
        .send(buffer);
    },
  });
};
