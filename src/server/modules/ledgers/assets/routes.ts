import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { assetPolicy } from '../policies/asset.js';
import { assetHistory, getAsset } from './detail.js';
import { recordEvent } from './events.js';
import { exportAssets, listAssets } from './list.js';
import { kindOverview } from './overview.js';
import {
  assetExportQuery,
  assetListQuery,
  assetSummary,
  assetView,
  createAssetBody,
  editAssetBody,
  eventBody,
  historyEntry,
  kindParams,
  overviewQuery,
  overviewView,
} from './schema.js';
import { createAsset, editAsset } from './service.js';

const tags = ['ledgers'];
const policy = (action: Parameters<typeof assetPolicy.can>[1]) => ({ policy: { policy: assetPolicy, action } });

/** Assets of a ledger kind and their renewal events. */
export const assetsRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/ledgers/kinds/:id/assets', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'A page of the kind’s assets: filters on any field, status, town, old today, search; sorted by any field (a town: its own)',
      params: kindParams,
      querystring: assetListQuery,
      response: { 200: pageOf(assetSummary).meta({ id: 'LedgerAssetPage' }) },
    },
    handler: (req) => listAssets(deps, req.ctx, req.params.id, req.query),
  });
  app.get('/ledgers/kinds/:id/assets/export', {
    config: policy('export'),
    schema: {
      tags,
      summary: 'The filtered assets as Excel (at most 50,000 rows; labels in the caller’s language)',
      params: kindParams,
      querystring: assetExportQuery,
    },
    handler: async (req, reply) => {
      const { filename, buffer } = await exportAssets(deps, req.ctx, req.params.id, req.query);
      return sendXlsx(reply, filename, buffer);
    },
  });
  app.post('/ledgers/kinds/:id/assets', {
    config: policy('write'),
    schema: {
      tags,
      summary: 'Register an asset (with `added`: a new asset entering service on that day)',
      params: kindParams,
      body: createAssetBody,
      response: { 201: assetView },
    },
    handler: async (req, reply) => reply.code(201).send(await createAsset(deps, req.ctx, req.params.id, req.body)),
  });
  app.get('/ledgers/kinds/:id/overview', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'The kind’s renewal overview: in service, old, renewed this year, by year since 2024, by town, its figures this year',
      params: kindParams,
      querystring: overviewQuery,
      response: { 200: overviewView },
    },
    handler: (req) => kindOverview(deps, req.ctx, req.params.id, req.query),
  });
  app.get('/ledgers/assets/:id', {
    config: policy('read'),
    schema: { tags, summary: 'One asset with its events and what may be done now', params: idParams, response: { 200: assetView } },
    handler: (req) => getAsset(deps, req.ctx, req.params.id),
  });
  app.put('/ledgers/assets/:id', {
    config: policy('write'),
    schema: {
      tags,
      summary: 'Correct an asset’s values (stating the updatedAt it read; a newer one is 409 VERSION_CONFLICT)',
      params: idParams,
      body: editAssetBody,
      response: { 200: assetView },
    },
    handler: (req) => editAsset(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/ledgers/assets/:id/events', {
    config: policy('write'),
    schema: {
      tags,
      summary: 'Record a renewal event (upgrade, retrofit with changes; replacement with the new asset, linked; scrapping)',
      params: idParams,
      body: eventBody,
      response: { 201: assetView },
    },
    handler: async (req, reply) => reply.code(201).send(await recordEvent(deps, req.ctx, req.params.id, req.body)),
  });
  app.get('/ledgers/assets/:id/history', {
    config: policy('read'),
    schema: { tags, summary: 'Every event and edit of the asset, who and when, oldest first', params: idParams, response: { 200: z.array(historyEntry) } },
    handler: (req) => assetHistory(deps, req.ctx, req.params.id),
  });
};
