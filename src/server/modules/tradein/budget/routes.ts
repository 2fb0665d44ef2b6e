import type { ModulePlugin } from '../../../core/module.js';
import { budgetPolicy } from '../policies/budget.js';
import { budgetView } from './schema.js';
import { programBudget } from './service.js';
import { idParams } from '../../../http/schema.js';

export const budgetRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/programs/:id/budget', {
    config: { policy: { policy: budgetPolicy, action: 'read' } },
    schema: {
      tags: ['trade-in settlement'],
      summary: 'A programme’s budget: committed, redeemed, settled, paid by funding source, with a daily burn-down',
      params: idParams,
      response: { 200: budgetView },
    },
    handler: (req) => programBudget(deps, req.ctx, req.params.id),
  });
};
