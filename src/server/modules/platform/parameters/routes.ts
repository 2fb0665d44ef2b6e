import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleOptions } from '../../../core/module.js';
import { parameterPolicy } from './policy.js';
import { parameterHistoryEntry, parameterKeyParams, parameterView, resetParameterBody, setParameterBody } from './schema.js';
import { listParameters, pageParameters, parameterHistory, resetParameter, setParameter } from './service.js';

const tags = ['parameters'];

/** System parameters: the modules declare them (`parameters`), the office changes the values. */
export const parameterRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { deps }) => {
  app.get('/parameters/for-pages', {
    config: { policy: 'authenticated' },
    schema: {
      tags,
      summary: 'The parameters pages read to show what the server decides (e.g. how early a programme counts as ending), by key',
      response: { 200: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])) },
    },
    handler: () => pageParameters(deps),
  });

  app.get('/parameters', {
    config: { policy: { policy: parameterPolicy, action: 'list' } },
    schema: { tags, summary: 'Every system parameter with its current value, default and bounds', response: { 200: z.array(parameterView) } },
    handler: (req) => listParameters(deps, req.ctx),
  });
  app.put('/parameters/:key', {
    config: { policy: { policy: parameterPolicy, action: 'set' } },
    schema: {
      tags,
      summary: 'Set a parameter (validated against its type and bounds; 409 when the stated version is stale)',
      params: parameterKeyParams,
      body: setParameterBody,
      response: { 200: parameterView },
    },
    handler: (req) => setParameter(deps, req.ctx, req.params.key, req.body),
  });
  app.post('/parameters/:key/reset', {
    config: { policy: { policy: parameterPolicy, action: 'reset' } },
    schema: { tags, summary: 'Back to the default', params: parameterKeyParams, body: resetParameterBody, response: { 200: parameterView } },
    handler: (req) => resetParameter(deps, req.ctx, req.params.key, req.body),
  });
  app.get('/parameters/:key/history', {
    config: { policy: { policy: parameterPolicy, action: 'history' } },
    schema: {
      tags,
      summary: 'Who changed the parameter when, from the audit trail',
      params: parameterKeyParams,
      response: { 200: z.array(parameterHistoryEntry) },
    },
    handler: (req) => parameterHistory(deps, req.ctx, req.params.key),
  });
};
