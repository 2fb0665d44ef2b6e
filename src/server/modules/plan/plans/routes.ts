import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { planPolicy } from '../policies/plan.js';
import { importBody, importResultSchema, planDetailSchema, planSummarySchema } from './schema.js';
import { exportPlan, getPlan, importPlan, listPlans } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['plan'];

export const planRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/plans', {
    config: { policy: { policy: planPolicy, action: 'list' } },
    schema: { tags, summary: 'The plans loaded (晋政文〔2024〕98号 and any parent plans)', response: { 200: z.array(planSummarySchema) } },
    handler: (req) => listPlans(deps, req.ctx),
  });

  app.post('/plans/import', {
    config: { policy: { policy: planPolicy, action: 'import' } },
    schema: {
      tags,
      summary: 'Load a plan file: a new plan, or a new version of a loaded plan (same code) updated in place with revisions',
      body: importBody,
      response: { 200: importResultSchema },
    },
    handler: (req) => importPlan(deps, req.ctx, req.body),
  });

  app.get('/plans/:id', {
    config: { policy: { policy: planPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'One plan with its actions, tasks, indicators, milestones and responsible units',
      params: idParams,
      response: { 200: planDetailSchema },
    },
    handler: (req) => getPlan(deps, req.ctx, req.params.id),
  });

  app.get('/plans/:id/export', {
    config: { policy: { policy: planPolicy, action: 'export' } },
    schema: { tags, summary: 'The plan as a plan file (JSON download); importing it again changes nothing', params: idParams },
    handler: async (req, reply) => {
      const file = await exportPlan(deps, req.ctx, req.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.code}.json"`)
        .send(`${JSON.stringify(file, null, 2)}\n`);
    },
  });
};
