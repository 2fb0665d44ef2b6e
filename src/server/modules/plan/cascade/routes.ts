import type { ModulePlugin } from '../../../core/module.js';
import { idParams } from '../../../http/schema.js';
import { indicatorPolicy } from '../policies/indicator.js';
import { cascadeListQuery, cascadeListSchema, cascadeQuery, cascadeSchema } from './schema.js';
import { cascadeIndicators, indicatorCascade } from './service.js';

const tags = ['plan'];

/** The cascade of one indicator from the national plan down; read by whoever reads the plan. */
export const cascadeRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/indicator-cascade', {
    config: { policy: { policy: indicatorPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'The working plan’s indicators that name a parent plan’s indicator (the cascade page’s picker)',
      querystring: cascadeListQuery,
      response: { 200: cascadeListSchema },
    },
    handler: (req) => cascadeIndicators(deps, req.ctx, req.query),
  });

  app.get('/indicators/:id/cascade', {
    config: { policy: { policy: indicatorPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'One indicator’s chain national → province → city → county: each level’s target, actual and share of the level above',
      params: idParams,
      querystring: cascadeQuery,
      response: { 200: cascadeSchema },
    },
    handler: (req) => indicatorCascade(deps, req.ctx, req.params.id, req.query),
  });
};
