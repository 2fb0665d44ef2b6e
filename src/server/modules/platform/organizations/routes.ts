import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import { organizationPolicy } from '../policies/organization.js';
import { organizationLabels } from './labels.js';
import {
  enterpriseRegistrationBody,
  exportOrganizationsQuery,
  listOrganizationsQuery,
  organizationPage,
  organizationSchema,
  rejectBody,
  reviewBody,
  townSchema,
  updateOrganizationBody,
} from './schema.js';
import {
  changeOrganizationStatus,
  exportOrganizations,
  getOrganization,
  listOrganizations,
  listTowns,
  registerEnterprise,
  updateOrganization,
} from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['organizations'];

export const organizationRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/towns', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Towns, subdistricts and the development zone (for registration forms)', response: { 200: z.array(townSchema) } },
    handler: () => listTowns(deps),
  });

  app.post('/auth/register/enterprise', {
    config: { policy: 'public' },
    schema: { tags, summary: 'An enterprise registers itself and its first account', body: enterpriseRegistrationBody, response: { 201: organizationSchema } },
    handler: async (req, reply) => reply.code(201).send(await registerEnterprise(deps, req.ctx, req.body)),
  });

  app.get('/organizations', {
    config: { policy: { policy: organizationPolicy, action: 'list' } },
    schema: { tags, summary: 'List organisations (paged, sorted, filtered)', querystring: listOrganizationsQuery, response: { 200: organizationPage } },
    handler: (req) => listOrganizations(deps, req.ctx, req.query),
  });

  app.get('/organizations/export.xlsx', {
    config: { policy: { policy: organizationPolicy, action: 'export' } },
    schema: { tags, summary: 'Export organisations to Excel', querystring: exportOrganizationsQuery },
    handler: async (req, reply) => {
      const rows = await exportOrganizations(deps, req.ctx, req.query);
      const l = organizationLabels(req.ctx.locale);
      const buffer = await workbookBuffer({
        name: l.sheet,
        rows,
        columns: [
          { header: l.id, value: (r) => r.id, width: 8 },
          { header: l.name, value: (r) => r.name, width: 36 },
          { header: l.kind, value: (r) => l.kinds[r.kind], width: 12 },
          { header: l.status, value: (r) => l.statuses[r.status], width: 10 },
          { header: l.creditCode, value: (r) => r.creditCode, width: 22 },
          { header: l.town, value: (r) => r.townName, width: 16 },
          { header: l.address, value: (r) => r.address, width: 36 },
          { header: l.contactName, value: (r) => r.contactName, width: 12 },
          { header: l.contactMobile, value: (r) => r.contactMobile, width: 14 },
          { header: l.createdAt, value: (r) => r.createdAt, width: 24 },
        ],
      });
      return sendXlsx(reply, `${l.sheet}.xlsx`, buffer);
    },
  });

  app.get('/organizations/:id', {
    config: { policy: { policy: organizationPolicy, action: 'read' } },
    schema: { tags, summary: 'One organisation', params: idParams, response: { 200: organizationSchema } },
    handler: (req) => getOrganization(deps, req.ctx, req.params.id),
  });

  app.patch('/organizations/:id', {
    config: { policy: { policy: organizationPolicy, action: 'update' } },
    schema: { tags, summary: 'Update address and contact', params: idParams, body: updateOrganizationBody, response: { 200: organizationSchema } },
    handler: (req) => updateOrganization(deps, req.ctx, req.params.id, req.body),
  });

  for (const change of ['approve', 'resume'] as const) {
    app.post(`/organizations/:id/${change}`, {
      config: { policy: { policy: organizationPolicy, action: change === 'approve' ? 'review' : 'suspend' } },
      schema: { tags, summary: `${change} an organisation`, params: idParams, body: reviewBody.optional(), response: { 200: organizationSchema } },
      handler: (req) => changeOrganizationStatus(deps, req.ctx, req.params.id, change, req.body?.note),
    });
  }
  for (const change of ['reject', 'suspend'] as const) {
    app.post(`/organizations/:id/${change}`, {
      config: { policy: { policy: organizationPolicy, action: change === 'reject' ? 'review' : 'suspend' } },
      schema: { tags, summary: `${change} an organisation (reason required)`, params: idParams, body: rejectBody, response: { 200: organizationSchema } },
      handler: (req) => changeOrganizationStatus(deps, req.ctx, req.params.id, change, req.body.note),
    });
  }
};
