import type { ModulePlugin } from '../../../core/module.js';
import { scheduledJobPolicy } from '../policies/scheduledJob.js';
import { jobList, jobParams, jobRunPage, jobRunsQuery, runNowResponse } from './schema.js';
import { listJobRuns, listJobs, runJobNow } from './service.js';

const tags = ['jobs'];

export const jobRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/jobs', {
    config: { policy: { policy: scheduledJobPolicy, action: 'list' } },
    schema: { tags, summary: 'Every module’s scheduled jobs: schedule, last and next run, recent failures', response: { 200: jobList } },
    handler: (req) => listJobs(deps, req.ctx),
  });
  app.get('/jobs/:name/runs', {
    config: { policy: { policy: scheduledJobPolicy, action: 'list' } },
    schema: { tags, summary: 'A job’s runs, newest first', params: jobParams, querystring: jobRunsQuery, response: { 200: jobRunPage } },
    handler: (req) => listJobRuns(deps, req.ctx, req.params.name, req.query),
  });
  app.post('/jobs/:name/run', {
    config: { policy: { policy: scheduledJobPolicy, action: 'runNow' } },
    schema: {
      tags,
      summary: 'Run a job now (audited; 409 while a run of it is in flight); answers with the finished run',
      params: jobParams,
      response: { 200: runNowResponse },
    },
    handler: (req) => runJobNow(deps, req.ctx, req.params.name, req.log),
  });
};
