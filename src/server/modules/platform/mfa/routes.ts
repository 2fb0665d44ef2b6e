import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { idParams } from '../../../http/schema.js';
import { mfaPolicy } from './policy.js';
import { codeBody, mfaEnrolmentView, mfaMyView, mfaStatusQuery, mfaUserStatus, recoveryCodesView } from './schema.js';
import { confirmMyEnrolment, disableMyMfa, mfaStatusOfUsers, myMfa, regenerateMyRecoveryCodes, resetUserMfa, startMyEnrolment } from './service.js';

const tags = ['mfa'];
const self = { policy: mfaPolicy, action: 'self' } as const;

/** Second factors: each official's own (/my/two-factor), the security administrator's resets, status for the accounts page. */
export const mfaRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/mfa/me', {
    config: { policy: self },
    schema: { tags, summary: 'Whether my second factor is on (and whether my role requires one)', response: { 200: mfaMyView } },
    handler: (req) => myMfa(deps, req.ctx),
  });
  app.post('/mfa/enrol', {
    config: { policy: self },
    schema: { tags, summary: 'Start enrolling an authenticator: a new secret and its otpauth URI, shown once', response: { 200: mfaEnrolmentView } },
    handler: (req) => startMyEnrolment(deps, req.ctx),
  });
  app.post('/mfa/enrol/confirm', {
    config: { policy: self },
    schema: {
      tags,
      summary: 'Confirm the enrolment with a code; answers the ten recovery codes, shown once',
      body: codeBody,
      response: { 200: recoveryCodesView },
    },
    handler: (req) => confirmMyEnrolment(deps, req.ctx, req.body.code),
  });
  app.post('/mfa/recovery-codes', {
    config: { policy: self },
    schema: { tags, summary: 'New recovery codes against a current code (the old ones stop working)', body: codeBody, response: { 200: recoveryCodesView } },
    handler: (req) => regenerateMyRecoveryCodes(deps, req.ctx, req.body.code),
  });
  app.post('/mfa/disable', {
    config: { policy: self },
    schema: { tags, summary: 'Turn my second factor off (refused when my role requires one)', body: codeBody, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await disableMyMfa(deps, req.ctx, req.body.code);
      return reply.code(204).send(null);
    },
  });
  app.get('/mfa/users', {
    config: { policy: { policy: mfaPolicy, action: 'status' } },
    schema: { tags, summary: 'Second-factor status of the given accounts', querystring: mfaStatusQuery, response: { 200: z.array(mfaUserStatus) } },
    handler: (req) => mfaStatusOfUsers(deps, req.ctx, req.query.userIds.split(',').map(Number)),
  });
  app.post('/mfa/users/:id/reset', {
    config: { policy: { policy: mfaPolicy, action: 'reset' } },
    schema: {
      tags,
      summary: 'Security administrator: remove an account’s second factor so it enrols again (sessions ended, audited, notified)',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await resetUserMfa(deps, req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
};
