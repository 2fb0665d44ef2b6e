import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { programPolicy } from '../policies/program.js';
import { categoryParams, createProgramBody, programView, rolloverProgramBody, ruleVersionView, setCategoryBody, updateProgramBody } from './schema.js';
import { rolloverProgram } from './rollover.js';
import { createProgram, getProgram, listPrograms, ruleHistory, setCategoryRule, updateProgram } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['trade-in programmes'];

export const programRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/programs', {
    config: { policy: { policy: programPolicy, action: 'list' } },
    schema: { tags, summary: 'Subsidy programmes with their categories and current rules', response: { 200: z.array(programView) } },
    handler: (req) => listPrograms(deps, req.ctx),
  });
  app.get('/tradein/programs/:id', {
    config: { policy: { policy: programPolicy, action: 'read' } },
    schema: { tags, summary: 'One programme', params: idParams, response: { 200: programView } },
    handler: (req) => getProgram(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/programs', {
    config: { policy: { policy: programPolicy, action: 'create' } },
    schema: { tags, summary: 'Create a programme (data, not code)', body: createProgramBody, response: { 201: programView } },
    handler: async (req, reply) => reply.code(201).send(await createProgram(deps, req.ctx, req.body)),
  });
  app.patch('/tradein/programs/:id', {
    config: { policy: { policy: programPolicy, action: 'update' } },
    schema: {
      tags,
      summary: 'Change a programme’s window, budget, schedule or status',
      params: idParams,
      body: updateProgramBody,
      response: { 200: programView },
    },
    handler: (req) => updateProgram(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/programs/:id/rollover', {
    config: { policy: { policy: programPolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Carry a programme into its next window as a new draft (categories, rules, schedule, budget split and approved merchants copied)',
      params: idParams,
      body: rolloverProgramBody,
      response: { 201: programView },
    },
    handler: async (req, reply) => reply.code(201).send(await rolloverProgram(deps, req.ctx, req.params.id, req.body)),
  });
  app.put('/tradein/programs/:id/categories/:category', {
    config: { policy: { policy: programPolicy, action: 'setRule' } },
    schema: {
      tags,
      summary: 'Set a category’s rule (a new version; issued vouchers keep theirs) or add a category',
      description:
        'Send `baseVersion`, the `ruleVersion` the editor loaded: when someone saved a new version since, the answer is 409 VERSION_CONFLICT and nothing changes (reload and edit again). Without it the version current when the request is served is the base; two saves at the same moment still never make the same version, the later one is 409 VERSION_CONFLICT. An unchanged rule makes no new version.',
      params: categoryParams,
      body: setCategoryBody,
      response: { 200: programView },
    },
    handler: (req) => setCategoryRule(deps, req.ctx, req.params.id, req.params.category, req.body),
  });
  app.get('/tradein/programs/:id/categories/:category/history', {
    config: { policy: { policy: programPolicy, action: 'readHistory' } },
    schema: { tags, summary: 'Every version of a category’s rule, newest first', params: categoryParams, response: { 200: z.array(ruleVersionView) } },
    handler: (req) => ruleHistory(deps, req.ctx, req.params.id, req.params.category),
  });
};
