import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { carProgramPolicy } from '../policies/program.js';
import { rolloverCarProgram } from './rollover.js';
import { carProgramView, carRuleVersionView, createCarProgramBody, rolloverCarProgramBody, setCarRuleBody, updateCarProgramBody } from './schema.js';
import { carRuleHistory, createCarProgram, getCarProgram, listCarPrograms, setCarProgramRule, updateCarProgram } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['car trade-in'];

export const carProgramRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/car-programs', {
    config: { policy: { policy: carProgramPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Car programmes (报废更新 / 置换更新) with their current rule',
      description: 'Residents see active and closed programmes; officials also see drafts (e.g. the example replacement programme).',
      response: { 200: z.array(carProgramView) },
    },
    handler: (req) => listCarPrograms(deps, req.ctx),
  });
  app.get('/tradein/car-programs/:id', {
    config: { policy: { policy: carProgramPolicy, action: 'read' } },
    schema: { tags, summary: 'One car programme', params: idParams, response: { 200: carProgramView } },
    handler: (req) => getCarProgram(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/car-programs', {
    config: { policy: { policy: carProgramPolicy, action: 'create' } },
    schema: { tags, summary: 'Create a car programme with its rule (市商务局 or the office)', body: createCarProgramBody, response: { 201: carProgramView } },
    handler: async (req, reply) => reply.code(201).send(await createCarProgram(deps, req.ctx, req.body)),
  });
  app.patch('/tradein/car-programs/:id', {
    config: { policy: { policy: carProgramPolicy, action: 'update' } },
    schema: {
      tags,
      summary: 'Change a car programme’s name, window, status or example label',
      params: idParams,
      body: updateCarProgramBody,
      response: { 200: carProgramView },
    },
    handler: (req) => updateCarProgram(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/car-programs/:id/rollover', {
    config: { policy: { policy: carProgramPolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Carry a car programme into its next window as a new draft with the current rule',
      params: idParams,
      body: rolloverCarProgramBody,
      response: { 201: carProgramView },
    },
    handler: async (req, reply) => reply.code(201).send(await rolloverCarProgram(deps, req.ctx, req.params.id, req.body)),
  });
  app.put('/tradein/car-programs/:id/rule', {
    config: { policy: { policy: carProgramPolicy, action: 'setRule' } },
    schema: {
      tags,
      summary: 'Set the rule (a new version; earlier versions are kept and applications keep theirs)',
      description:
        'Send `baseVersion`, the `ruleVersion` the editor loaded: when someone saved a new version since, the answer is 409 VERSION_CONFLICT and nothing changes (reload and edit again). Without it the version current when the request is served is the base; two saves at the same moment still never make the same version, the later one is 409 VERSION_CONFLICT. An unchanged rule makes no new version.',
      params: idParams,
      body: setCarRuleBody,
      response: { 200: carProgramView },
    },
    handler: (req) => setCarProgramRule(deps, req.ctx, req.params.id, req.body),
  });
  app.get('/tradein/car-programs/:id/rules', {
    config: { policy: { policy: carProgramPolicy, action: 'readHistory' } },
    schema: { tags, summary: 'Every version of the programme’s rule, newest first', params: idParams, response: { 200: z.array(carRuleVersionView) } },
    handler: (req) => carRuleHistory(deps, req.ctx, req.params.id),
  });
};
