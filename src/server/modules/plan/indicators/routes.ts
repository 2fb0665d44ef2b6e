import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { indicatorPolicy } from '../policies/indicator.js';
import { indicatorSchema } from '../plans/schema.js';
import { revisionSchema, updateIndicatorBody } from './schema.js';
import { getIndicator, listIndicatorRevisions, updateIndicator, type BindableMetrics } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['plan'];

/** The indicator routes; an edit checks a new metric binding against the plan's registry. */
export const indicatorRoutes =
  (metrics: BindableMetrics): ModulePlugin =>
  async (app, { deps }) => {
    app.get('/indicators/:id', {
      config: { policy: { policy: indicatorPolicy, action: 'read' } },
      schema: { tags, summary: 'One indicator with its targets and responsible units', params: idParams, response: { 200: indicatorSchema } },
      handler: (req) => getIndicator(deps, req.ctx, req.params.id),
    });

    app.patch('/indicators/:id', {
      config: { policy: { policy: indicatorPolicy, action: 'update' } },
      schema: {
        tags,
        summary: 'Edit an indicator (office): name, targets, baseline, comparator, responsible units…; each change is kept as a revision',
        params: idParams,
        body: updateIndicatorBody,
        response: { 200: indicatorSchema },
      },
      handler: (req) => updateIndicator(deps, req.ctx, req.params.id, req.body, metrics),
    });

    app.get('/indicators/:id/revisions', {
      config: { policy: { policy: indicatorPolicy, action: 'readRevisions' } },
      schema: { tags, summary: 'History of an indicator (plan files and edits), newest first', params: idParams, response: { 200: z.array(revisionSchema) } },
      handler: (req) => listIndicatorRevisions(deps, req.ctx, req.params.id),
    });
  };
