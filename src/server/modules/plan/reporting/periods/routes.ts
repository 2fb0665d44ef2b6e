import { z } from 'zod';
import type { ModulePlugin } from '../../../../core/module.js';
import { reportingPeriodPolicy } from '../policies/period.js';
import { openPeriodBody, periodListQuery, periodSchema } from './schema.js';
import { closePeriod, getPeriod, listPeriods, openPeriod } from './service.js';
import { idParams } from '../../../../http/schema.js';

const tags = ['plan reporting'];

export const periodRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/plan-periods', {
    config: { policy: { policy: reportingPeriodPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Reporting periods, newest first, with their reports counted by status',
      querystring: periodListQuery,
      response: { 200: z.array(periodSchema) },
    },
    handler: (req) => listPeriods(deps, req.ctx, req.query),
  });
  app.post('/plan-periods', {
    config: { policy: { policy: reportingPeriodPolicy, action: 'open' } },
    schema: {
      tags,
      summary: 'Open a monthly reporting period (the office): creates every report it is owed and tells the units',
      body: openPeriodBody,
      response: { 201: periodSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await openPeriod(deps, req.ctx, req.body)),
  });
  app.get('/plan-periods/:id', {
    config: { policy: { policy: reportingPeriodPolicy, action: 'read' } },
    schema: { tags, summary: 'One reporting period', params: idParams, response: { 200: periodSchema } },
    handler: (req) => getPeriod(deps, req.ctx, req.params.id),
  });
  app.post('/plan-periods/:id/close', {
    config: { policy: { policy: reportingPeriodPolicy, action: 'close' } },
    schema: { tags, summary: 'Close a period: its reports can no longer be changed', params: idParams, response: { 200: periodSchema } },
    handler: (req) => closePeriod(deps, req.ctx, req.params.id),
  });
};
