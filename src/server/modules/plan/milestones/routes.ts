import type { ModulePlugin } from '../../../core/module.js';
import { milestonePolicy } from '../policies/milestone.js';
import { milestoneSchema } from '../plans/schema.js';
import { completeMilestoneBody, reopenMilestoneBody } from './schema.js';
import { completeMilestone, getMilestone, reopenMilestone } from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['plan'];

export const milestoneRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/milestones/:id', {
    config: { policy: { policy: milestonePolicy, action: 'read' } },
    schema: { tags, summary: 'One milestone (a qualitative commitment of the plan)', params: idParams, response: { 200: milestoneSchema } },
    handler: (req) => getMilestone(deps, req.ctx, req.params.id),
  });

  app.post('/milestones/:id/complete', {
    config: { policy: { policy: milestonePolicy, action: 'complete' } },
    schema: {
      tags,
      summary: 'Mark a milestone done with evidence (office, or the milestone’s lead unit)',
      params: idParams,
      body: completeMilestoneBody,
      response: { 200: milestoneSchema },
    },
    handler: (req) => completeMilestone(deps, req.ctx, req.params.id, req.body),
  });

  app.post('/milestones/:id/reopen', {
    config: { policy: { policy: milestonePolicy, action: 'reopen' } },
    schema: {
      tags,
      summary: 'Reopen a completed milestone (office, or the milestone’s lead unit)',
      params: idParams,
      body: reopenMilestoneBody.optional(),
      response: { 200: milestoneSchema },
    },
    handler: (req) => reopenMilestone(deps, req.ctx, req.params.id, req.body?.note),
  });
};
