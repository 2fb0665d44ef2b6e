import type { ModulePlugin } from '../../../core/module.js';
import { idParams } from '../../../http/schema.js';
import { kindPolicy } from '../policies/kind.js';
import { listKindSummaries } from './list.js';
import { createKind, getKind, keeperOrganizations, kindVersionHistory, updateKind } from './service.js';
import { createKindBody, keeperOrganizations as keeperList, kindListQuery, kindPage, kindVersionView, kindView, updateKindBody } from './schema.js';
import { z } from 'zod';

const tags = ['ledgers'];
const BASE = '/ledgers/kinds';
const policy = (action: (typeof kindPolicy.actions)[number]) => ({ policy: { policy: kindPolicy, action } });

/** Ledger kinds: list, define, change, versions; the organisations that can keep one. */
export const kindsRoutes: ModulePlugin = async (app, { deps }) => {
  app.get(BASE, {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Ledger kinds the caller may read (a town: those open to towns, with its own counts), in the plan’s order',
      querystring: kindListQuery,
      response: { 200: kindPage },
    },
    handler: (req) => listKindSummaries(deps, req.ctx, req.query),
  });
  app.post(BASE, {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Define a new ledger kind (the office, or a department granted ledgers manage, as its own keeper)',
      body: createKindBody,
      response: { 201: kindView },
    },
    handler: async (req, reply) => reply.code(201).send(await createKind(deps, req.ctx, req.body)),
  });
  app.get(`${BASE}/:id`, {
    config: policy('read'),
    schema: {
      tags,
      summary: 'A ledger kind with its current definition (slots assigned), rule in words and metrics',
      params: idParams,
      response: { 200: kindView },
    },
    handler: (req) => getKind(deps, req.ctx, req.params.id),
  });
  app.put(`${BASE}/:id`, {
    config: policy('define'),
    schema: {
      tags,
      summary: 'A new version of the definition (the office, the keeper, a co-keeper); a changed old rule re-evaluates assets',
      params: idParams,
      body: updateKindBody,
      response: { 200: kindView },
    },
    handler: (req) => updateKind(deps, req.ctx, req.params.id, req.body),
  });
  app.get(`${BASE}/:id/versions`, {
    config: policy('read'),
    schema: { tags, summary: 'Every version of the definition, newest first', params: idParams, response: { 200: z.array(kindVersionView) } },
    handler: (req) => kindVersionHistory(deps, req.ctx, req.params.id),
  });
  app.get('/ledgers/organizations', {
    config: policy('list'),
    schema: { tags, summary: 'Organisations that can keep a ledger (the office and departments), by name', response: { 200: keeperList } },
    handler: (req) => keeperOrganizations(deps, req.ctx),
  });
};
