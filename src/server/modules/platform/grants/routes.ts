import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRootOptions } from '../../../core/module.js';
import { grantPolicy } from '../policies/grant.js';
import { grantBody, grantDomainView, grantView, listGrantsQuery, myGrantsView } from './schema.js';
import { listGrantDomains, listGrants, myGrants, setGrant } from './service.js';

const tags = ['grants'];

/** The domains come from the modules (`grantDomains`), collected by the composition root. */
export const grantRoutes: FastifyPluginAsyncZod<ModuleRootOptions> = async (app, { deps, extensions }) => {
  const domains = extensions.grantDomains;
  app.get('/grants', {
    config: { policy: { policy: grantPolicy, action: 'list' } },
    schema: {
      tags,
      summary: 'Departments granted management or payment confirmation, in one domain or all',
      querystring: listGrantsQuery,
      response: { 200: z.array(grantView) },
    },
    handler: (req) => listGrants(deps, req.ctx, domains, req.query),
  });
  app.get('/grants/domains', {
    config: { policy: { policy: grantPolicy, action: 'listDomains' } },
    schema: { tags, summary: 'The grant domains the modules declared, with the capabilities of each', response: { 200: z.array(grantDomainView) } },
    handler: (req) => listGrantDomains(req.ctx, domains),
  });
  app.get('/grants/mine', {
    config: { policy: { policy: grantPolicy, action: 'listMine' } },
    schema: { tags, summary: 'What the signed-in user’s organisation holds in every domain', response: { 200: z.array(myGrantsView) } },
    handler: (req) => myGrants(deps, req.ctx, domains),
  });
  app.post('/grants', {
    config: { policy: { policy: grantPolicy, action: 'grant' } },
    schema: {
      tags,
      summary: 'Grant a department a capability in a domain; returns the domain’s grants',
      body: grantBody,
      response: { 200: z.array(grantView) },
    },
    handler: (req) => setGrant(deps, req.ctx, domains, req.body, true),
  });
  app.post('/grants/revoke', {
    config: { policy: { policy: grantPolicy, action: 'revoke' } },
    schema: {
      tags,
      summary: 'Withdraw a department’s capability in a domain; returns the domain’s grants',
      body: grantBody,
      response: { 200: z.array(grantView) },
    },
    handler: (req) => setGrant(deps, req.ctx, domains, req.body, false),
  });
};
