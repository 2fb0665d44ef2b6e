import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { overviewPolicy } from '../policies/overview.js';
import { exportOverview } from './export.js';
import { overviewQuery, renewalOverviewView } from './schema.js';
import { renewalOverview } from './service.js';

const tags = ['renewal overview'];
const policy = (action: (typeof overviewPolicy.actions)[number]) => ({ policy: { policy: overviewPolicy, action } });

export const overviewRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/renewal/overview', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'Projects by status, sector, type, town and year with planned and completed investment; funding by source',
      querystring: overviewQuery,
      response: { 200: renewalOverviewView },
    },
    handler: (req) => renewalOverview(deps, req.ctx, req.query),
  });
  app.get('/renewal/overview/export.xlsx', {
    config: policy('export'),
    schema: { tags, summary: 'The overview to Excel (万元), with the same filters', querystring: overviewQuery },
    handler: async (req, reply) => {
      // Figures of the whole city, a few seconds old at most: from the replica when current (db/replica.ts).
      const { buffer, filename } = await deps.reads.read((db) => exportOverview(deps, req.ctx, req.query, db));
      return sendXlsx(reply, filename, buffer);
    },
  });
};
