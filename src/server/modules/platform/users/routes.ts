import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { apiTokenPolicy } from '../policies/apiToken.js';
import { sessionPolicy } from '../policies/session.js';
import { userPolicy } from '../policies/user.js';
import {
  apiTokenSchema,
  changeRoleBody,
  createApiTokenBody,
  createUserBody,
  listSessionsQuery,
  listUsersQuery,
  resetPasswordBody,
  sessionPage,
  userPage,
} from './schema.js';
import {
  changeUserRole,
  createApiToken,
  createUser,
  endUserSession,
  listActiveSessions,
  listApiTokens,
  listUsers,
  resetPassword,
  revokeApiToken,
  setUserStatus,
} from './service.js';
import { userViewSchema } from './userView.js';
import { idParams } from '../../../http/schema.js';

const tags = ['accounts'];

export const userRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/users', {
    config: { policy: { policy: userPolicy, action: 'list' } },
    schema: { tags, summary: 'List accounts', querystring: listUsersQuery, response: { 200: userPage } },
    handler: (req) => listUsers(deps, req.ctx, req.query),
  });
  app.post('/users', {
    config: { policy: { policy: userPolicy, action: 'create' } },
    schema: { tags, summary: 'Create an account', body: createUserBody, response: { 201: userViewSchema } },
    handler: async (req, reply) => reply.code(201).send(await createUser(deps, req.ctx, req.body)),
  });
  app.post('/users/:id/disable', {
    config: { policy: { policy: userPolicy, action: 'disable' } },
    schema: { tags, summary: 'Disable an account and end its sessions', params: idParams, response: { 200: userViewSchema } },
    handler: (req) => setUserStatus(deps, req.ctx, req.params.id, 'disabled'),
  });
  app.post('/users/:id/enable', {
    config: { policy: { policy: userPolicy, action: 'enable' } },
    schema: { tags, summary: 'Enable an account', params: idParams, response: { 200: userViewSchema } },
    handler: (req) => setUserStatus(deps, req.ctx, req.params.id, 'active'),
  });
  app.post('/users/:id/role', {
    config: { policy: { policy: userPolicy, action: 'changeRole' } },
    schema: {
      tags,
      summary: 'Give an account another role (never from one administrator duty to another, never one’s own, never the last holder’s)',
      params: idParams,
      body: changeRoleBody,
      response: { 200: userViewSchema },
    },
    handler: (req) => changeUserRole(deps, req.ctx, req.params.id, req.body.role),
  });
  app.post('/users/:id/reset-password', {
    config: { policy: { policy: userPolicy, action: 'resetPassword' } },
    schema: {
      tags,
      summary: 'Set a temporary password that must be changed at next sign-in',
      params: idParams,
      body: resetPasswordBody,
      response: { 200: userViewSchema },
    },
    handler: (req) => resetPassword(deps, req.ctx, req.params.id, req.body.newPassword),
  });

  app.get('/sessions', {
    config: { policy: { policy: sessionPolicy, action: 'list' } },
    schema: { tags, summary: 'Who is signed in', querystring: listSessionsQuery, response: { 200: sessionPage } },
    handler: (req) => listActiveSessions(deps, req.ctx, req.query),
  });
  app.delete('/sessions/:sessionId', {
    config: { policy: { policy: sessionPolicy, action: 'end' } },
    schema: { tags, summary: 'End a session', params: z.object({ sessionId: z.string().min(16).max(128) }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      await endUserSession(deps, req.ctx, req.params.sessionId);
      return reply.code(204).send(null);
    },
  });

  app.get('/api-tokens', {
    config: { policy: { policy: apiTokenPolicy, action: 'list' } },
    schema: { tags, summary: 'Integration tokens', response: { 200: z.array(apiTokenSchema) } },
    handler: (req) => listApiTokens(deps, req.ctx),
  });
  app.post('/api-tokens', {
    config: { policy: { policy: apiTokenPolicy, action: 'create' } },
    schema: {
      tags,
      summary: 'Create an integration token (the secret is returned once)',
      body: createApiTokenBody,
      response: { 201: apiTokenSchema.extend({ token: z.string() }) },
    },
    handler: async (req, reply) => reply.code(201).send(await createApiToken(deps, req.ctx, req.body)),
  });
  app.post('/api-tokens/:id/revoke', {
    config: { policy: { policy: apiTokenPolicy, action: 'revoke' } },
    schema: { tags, summary: 'Revoke an integration token', params: idParams, response: { 200: apiTokenSchema } },
    handler: (req) => revokeApiToken(deps, req.ctx, req.params.id),
  });
};
