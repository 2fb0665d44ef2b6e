import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { pageOf, pageQuery } from '../../../http/schema.js';
import { planWorkspacePolicy } from '../reporting/policies/workspace.js';
import { reportSchema } from '../reporting/reports/schema.js';
import { workspaceSchema } from './schema.js';
import { myDueReports, myHistory, myReturnedReports, myWorkspace } from './service.js';

const tags = ['plan workspace'];
const policy = { policy: planWorkspacePolicy, action: 'read' } as const;

export const workspaceRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/plan-workspace', {
    config: { policy },
    schema: {
      tags,
      summary: 'My tasks and indicators (with their status) in the plan',
      querystring: z.object({ planId: z.coerce.number().int().positive().optional() }),
      response: { 200: workspaceSchema },
    },
    handler: (req) => myWorkspace(deps, req.ctx, req.query),
  });
  app.get('/plan-workspace/due', {
    config: { policy },
    schema: {
      tags,
      summary: 'My reports still to hand in, with deadlines and days left',
      response: { 200: z.array(reportSchema.extend({ daysLeft: z.number().int() })) },
    },
    handler: (req) => myDueReports(deps, req.ctx),
  });
  app.get('/plan-workspace/returned', {
    config: { policy },
    schema: { tags, summary: 'My reports returned by the office, with the reason', response: { 200: z.array(reportSchema) } },
    handler: (req) => myReturnedReports(deps, req.ctx),
  });
  app.get('/plan-workspace/history', {
    config: { policy },
    schema: {
      tags,
      summary: 'What I have handed in, newest first',
      querystring: pageQuery,
      response: { 200: pageOf(reportSchema) },
    },
    handler: (req) => myHistory(deps, req.ctx, req.query),
  });
};
