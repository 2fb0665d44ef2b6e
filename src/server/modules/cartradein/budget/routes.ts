import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { idParams } from '../../../http/schema.js';
import { carBudgetPolicy } from '../policies/budget.js';
import { carBudgetVersionView, carBudgetView, setCarBudgetBody } from './schema.js';
import { carBudgetHistory, carProgramBudget, setCarBudget } from './service.js';

const tags = ['car trade-in'];

export const carBudgetRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/car-programs/:id/budget', {
    config: { policy: { policy: carBudgetPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'A car programme’s budget: split by funding source, committed, approved, paid, with a daily burn-down',
      params: idParams,
      response: { 200: carBudgetView },
    },
    handler: (req) => carProgramBudget(deps, req.ctx, req.params.id),
  });
  app.put('/tradein/car-programs/:id/budget', {
    config: { policy: { policy: carBudgetPolicy, action: 'set' } },
    schema: {
      tags,
      summary: 'Set the budget’s central/provincial/city split in fen (a new version; 市商务局 or the office)',
      description:
        'Until a budget is set, approvals under the programme are not limited. Once set, an approval that would pass the total is refused with 409 CAR_BUDGET_EXCEEDED (a CHECK on the budget row), and a total below what is already approved with 409 CAR_BUDGET_BELOW_APPROVED. Send `baseVersion` (the `version` loaded) to be told 409 VERSION_CONFLICT when someone saved since.',
      params: idParams,
      body: setCarBudgetBody,
      response: { 200: carBudgetView },
    },
    handler: (req) => setCarBudget(deps, req.ctx, req.params.id, req.body),
  });
  app.get('/tradein/car-programs/:id/budget/versions', {
    config: { policy: { policy: carBudgetPolicy, action: 'readHistory' } },
    schema: { tags, summary: 'Every split the budget had, newest first', params: idParams, response: { 200: z.array(carBudgetVersionView) } },
    handler: (req) => carBudgetHistory(deps, req.ctx, req.params.id),
  });
};
