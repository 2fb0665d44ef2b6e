import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { inspectionPolicy } from '../policies/inspection.js';
import { currentChecklist } from './checklist.js';
import { exportInspections, readInspectionPhoto } from './files.js';
import { listInspections, listRectifications, rectificationCounts, siteInspections } from './queries.js';
import {
  acceptRectificationBody,
  checklistView,
  inspectionDetailView,
  inspectionInput,
  inspectionPage,
  inspectionView,
  listInspectionsQuery,
  listRectificationsQuery,
  photoParams,
  rectificationCounts as rectificationCountsView,
  rectificationPage,
  rejectRectificationBody,
  siteOptions,
  siteOptionsQuery,
  submitRectificationBody,
} from './schema.js';
import { acceptRectification, getInspection, inspectableSites, recordInspection, rejectRectification, submitRectification } from './service.js';

const tags = ['recycling inspections'];
const policy = (action: (typeof inspectionPolicy.actions)[number]) => ({ policy: { policy: inspectionPolicy, action } });

export const inspectionRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/recycling/inspections/checklist', {
    config: policy('inspect'),
    schema: { tags, summary: 'The checklist new inspections answer (its version and items, zh-CN and en)', response: { 200: checklistView } },
    handler: () => {
      const c = currentChecklist();
      return { ...c, items: [...c.items] };
    },
  });
  app.get('/recycling/inspections/site-options', {
    config: policy('inspect'),
    schema: {
      tags,
      summary: 'Sites the caller may inspect, by name, code or address (20 at most; banned ones left out; a town: its own)',
      querystring: siteOptionsQuery,
      response: { 200: siteOptions },
    },
    handler: (req) => inspectableSites(deps, req.ctx, req.query),
  });
  app.post('/recycling/inspections', {
    config: policy('inspect'),
    schema: {
      tags,
      summary: 'Record an inspection at a site: checklist answers, findings, photos and the result',
      description:
        'rectify needs rectifyBy after the inspection date and opens a rectification; ban bans the site (取缔) at once, taking it off public lists. A banned site is 409 SITE_BANNED.',
      body: inspectionInput,
      response: { 201: inspectionDetailView },
    },
    handler: async (req, reply) => reply.code(201).send(await recordInspection(deps, req.ctx, req.body)),
  });
  app.get('/recycling/inspections', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Inspections, filtered by site, town, result, date range and inspecting unit (a town: its own; an operator: its sites)',
      querystring: listInspectionsQuery,
      response: { 200: inspectionPage },
    },
    handler: (req) => listInspections(deps, req.ctx, req.query),
  });
  app.get('/recycling/inspections/export', {
    config: policy('export'),
    schema: { tags, summary: 'The filtered list of inspections as Excel (.xlsx)', querystring: listInspectionsQuery },
    handler: async (req, reply) => {
      const file = await exportInspections(deps, req.ctx, req.query);
      return sendXlsx(reply, file.filename, file.buffer);
    },
  });
  app.get('/recycling/inspections/:id', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'One inspection with its answers and its rectification (with timeline)',
      params: idParams,
      response: { 200: inspectionDetailView },
    },
    handler: (req) => getInspection(deps, req.ctx, req.params.id),
  });
  app.get('/recycling/inspections/:id/photos/:attachmentId', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'Open a photo of the inspection or of its rectification report (inline; ?download=1 to save); audited',
      params: photoParams,
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readInspectionPhoto(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });
  app.get('/recycling/sites/:id/inspections', {
    config: policy('list'),
    schema: { tags, summary: 'A site’s inspection history, newest first', params: idParams, response: { 200: z.array(inspectionView) } },
    handler: (req) => siteInspections(deps, req.ctx, req.params.id),
  });
  app.get('/recycling/rectifications', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Rectifications: overdue (default), open, submitted, closed or all; the earliest due first',
      querystring: listRectificationsQuery,
      response: { 200: rectificationPage },
    },
    handler: (req) => listRectifications(deps, req.ctx, req.query),
  });
  app.get('/recycling/rectifications/counts', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'How many rectifications are open, submitted, closed and overdue (what the caller sees)',
      response: { 200: rectificationCountsView },
    },
    handler: (req) => rectificationCounts(deps, req.ctx),
  });
  app.post('/recycling/rectifications/:id/submit', {
    config: policy('submitRectification'),
    schema: {
      tags,
      summary: 'The operator or the town reports what was done (note and photos); the inspecting unit is told',
      params: idParams,
      body: submitRectificationBody,
      response: { 200: inspectionDetailView },
    },
    handler: (req) => submitRectification(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/recycling/rectifications/:id/accept', {
    config: policy('verifyRectification'),
    schema: {
      tags,
      summary: 'The inspecting unit accepts the report: closed',
      params: idParams,
      body: acceptRectificationBody,
      response: { 200: inspectionDetailView },
    },
    handler: (req) => acceptRectification(deps, req.ctx, req.params.id, req.body.note),
  });
  app.post('/recycling/rectifications/:id/reject', {
    config: policy('verifyRectification'),
    schema: {
      tags,
      summary: 'The inspecting unit does not accept the report: open again with the reason, same due date',
      params: idParams,
      body: rejectRectificationBody,
      response: { 200: inspectionDetailView },
    },
    handler: (req) => rejectRectification(deps, req.ctx, req.params.id, req.body.reason),
  });
};
