import type { ModulePlugin } from '../../../core/module.js';
import { keyPolicy } from './policy.js';
import { keyStatusView, reencryptBody, reencryptResponse } from './schema.js';
import { keyStatus, startReencryption } from './service.js';

const tags = ['keys'];

export const keyRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/keys', {
    config: { policy: { policy: keyPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'The crypto suite in use, key versions (fingerprints only), values left to re-seal, re-encryption runs',
      response: { 200: keyStatusView },
    },
    handler: (req) => keyStatus(deps, req.ctx),
  });
  app.post('/keys/reencrypt', {
    config: { policy: { policy: keyPolicy, action: 'reencrypt' } },
    schema: {
      tags,
      summary: 'Start re-sealing every sealed column with the active key version (audited; 409 while a run is under way); runs in the background',
      body: reencryptBody,
      response: { 202: reencryptResponse },
    },
    handler: async (req, reply) => {
      const { run } = await startReencryption(deps, req.ctx, req.log);
      return reply.code(202).send({ run });
    },
  });
};
