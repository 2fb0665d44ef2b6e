import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx, workbookBuffer } from '../../../http/excel.js';
import { idParams } from '../../../http/schema.js';
import { recyclingSitePolicy } from '../policies/site.js';
import { siteLabels } from './labels.js';
import { exportSites, listSites, loadSite, publicSites, publicSiteTownSummary, siteOperatorOptions, siteTownSummary } from './queries.js';
import {
  createSiteBody,
  exportSitesQuery,
  listSitesQuery,
  moveSiteBody,
  operatorOptions,
  operatorOptionsQuery,
  publicSitesQuery,
  publicSiteView,
  siteDetailView,
  sitePage,
  townSummaryView,
  updateOperationsBody,
  updateSiteBody,
} from './schema.js';
import { createSite, moveSite, updateSite, updateSiteOperations } from './service.js';

const tags = ['recycling sites'];
const policy = (action: (typeof recyclingSitePolicy.actions)[number]) => ({ policy: { policy: recyclingSitePolicy, action } });
const BASE = '/recycling/sites';

export const recyclingSiteRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/recycling/public/sites', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Operating recycling sites (no login): kind, name, town, address, opening hours, materials, coordinates',
      description: 'Only operating sites: planned, suspended, closed and banned ones never appear.',
      security: [],
      querystring: publicSitesQuery,
      response: { 200: z.array(publicSiteView) },
    },
    // Public lists read from the replica when current (db/replica.ts): nobody reads back there what they just wrote.
    handler: async (req) => deps.reads.read((db) => publicSites(deps, req.ctx, req.query, db)),
  });
  app.get('/recycling/public/sites/summary', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Operating sites town by town, by kind (no login)', security: [], response: { 200: townSummaryView } },
    handler: (req) => publicSiteTownSummary(deps, req.ctx),
  });
  app.get(BASE, {
    config: policy('list'),
    schema: { tags, summary: 'The recycling network (a recycler sees the sites it operates)', querystring: listSitesQuery, response: { 200: sitePage } },
    handler: (req) => listSites(deps, req.ctx, req.query),
  });
  app.get(`${BASE}/export.xlsx`, {
    config: policy('export'),
    schema: { tags, summary: 'Export the sites matching the filters to Excel', querystring: exportSitesQuery },
    handler: async (req, reply) => {
      const rows = await exportSites(deps, req.ctx, req.query);
      const l = siteLabels(req.ctx.locale);
      const buffer = await workbookBuffer({
        name: l.sheet,
        rows,
        columns: [
          { header: l.code, value: (r) => r.code, width: 16 },
          { header: l.kind, value: (r) => l.kinds[r.kind], width: 14 },
          { header: l.name, value: (r) => r.name, width: 30 },
          { header: l.town, value: (r) => r.townName, width: 14 },
          { header: l.address, value: (r) => r.address, width: 36 },
          { header: l.operator, value: (r) => r.operatorName, width: 30 },
          { header: l.status, value: (r) => l.statuses[r.status], width: 10 },
          { header: l.statusSince, value: (r) => r.statusSince, width: 12 },
          { header: l.origin, value: (r) => l.origins[r.origin], width: 8 },
          { header: l.completedOn, value: (r) => r.completedOn, width: 12 },
          { header: l.licence, value: (r) => r.licenceNumber, width: 20 },
          { header: l.licenceValidTo, value: (r) => r.licenceValidTo, width: 12 },
          { header: l.fireSafety, value: (r) => r.fireSafety, width: 12 },
          { header: l.standardisation, value: (r) => r.standardisation, width: 14 },
          { header: l.capacity, value: (r) => r.capacityTonnesPerDay, width: 12 },
          { header: l.materials, value: (r) => r.materials.join(', '), width: 30 },
          { header: l.openingHours, value: (r) => r.openingHours, width: 20 },
          { header: l.contact, value: (r) => r.contactName, width: 10 },
          { header: l.phone, value: (r) => r.contactPhone, width: 14 },
          { header: l.latitude, value: (r) => r.latitude, width: 10 },
          { header: l.longitude, value: (r) => r.longitude, width: 10 },
        ],
      });
      return sendXlsx(reply, `${l.sheet}.xlsx`, buffer);
    },
  });
  app.get(`${BASE}/summary`, {
    config: policy('export'),
    schema: { tags, summary: 'Every site town by town, by kind and status (officials)', response: { 200: townSummaryView } },
    handler: (req) => siteTownSummary(deps, req.ctx),
  });
  app.get(`${BASE}/operator-options`, {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Enterprises a registrar may name as operator (active enterprises; those with a recycler account first)',
      querystring: operatorOptionsQuery,
      response: { 200: operatorOptions },
    },
    handler: (req) => siteOperatorOptions(deps, req.ctx, req.query),
  });
  app.post(BASE, {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Register a site (a town in its own town; 市商务局 or the office anywhere), planned or already operating',
      body: createSiteBody,
      response: { 201: siteDetailView },
    },
    handler: async (req, reply) => reply.code(201).send(await createSite(deps, req.ctx, req.body)),
  });
  app.get(`${BASE}/:id`, {
    config: policy('read'),
    schema: { tags, summary: 'One site with its status history', params: idParams, response: { 200: siteDetailView } },
    handler: (req) => loadSite(deps.database.db, req.ctx, req.params.id),
  });
  app.put(`${BASE}/:id`, {
    config: policy('update'),
    schema: {
      tags,
      summary: 'Change a site’s details (not its status); `version` is the one edited (409 VERSION_CONFLICT when stale)',
      params: idParams,
      body: updateSiteBody,
      response: { 200: siteDetailView },
    },
    handler: (req) => updateSite(deps, req.ctx, req.params.id, req.body),
  });
  app.put(`${BASE}/:id/operations`, {
    config: policy('updateOperations'),
    schema: {
      tags,
      summary: 'Change opening hours, capacity, materials and contact (the operator, or a registrar)',
      params: idParams,
      body: updateOperationsBody,
      response: { 200: siteDetailView },
    },
    handler: (req) => updateSiteOperations(deps, req.ctx, req.params.id, req.body),
  });
  app.post(`${BASE}/:id/moves`, {
    config: policy('move'),
    schema: {
      tags,
      summary: 'Move a site: startWorks, open, suspend, close (a ban comes from an inspection)',
      params: idParams,
      body: moveSiteBody,
      response: { 200: siteDetailView },
    },
    handler: (req) => moveSite(deps, req.ctx, req.params.id, req.body),
  });
};
