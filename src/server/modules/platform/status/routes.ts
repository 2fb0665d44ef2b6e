import type { ModulePlugin } from '../../../core/module.js';
import { serviceStatusPolicy } from '../policies/serviceStatus.js';
import { serviceStatusView } from './schema.js';
import { serviceStatus } from './service.js';

export const statusRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/status', {
    config: { policy: { policy: serviceStatusPolicy, action: 'read' } },
    schema: {
      tags: ['status'],
      summary: 'Service status: version, uptime, database, migrations, backlogs, 5xx answers of this process',
      response: { 200: serviceStatusView },
    },
    handler: (req) => serviceStatus(deps, req.ctx, app.responseStats),
  });
};
