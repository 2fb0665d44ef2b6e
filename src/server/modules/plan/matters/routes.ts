import type { ModulePlugin } from '../../../core/module.js';
import { idParams, pageOf, positiveId } from '../../../http/schema.js';
import { contentQuery, sendAttachment } from '../../platform/attachments/content.js';
import { planMatterPolicy } from './policy.js';
import { publicPlan } from './publicPlan.js';
import {
  answerBody,
  closeBody,
  escalateBody,
  matterDetailSchema,
  matterListQuery,
  matterSchema,
  publicPlanSchema,
  raiseMatterBody,
  withdrawBody,
} from './schema.js';
import {
  answerMatter,
  closeMatter,
  escalateMatter,
  getMatter,
  listMatters,
  raiseMatter,
  readMatterEvidence,
  respondMatter,
  withdrawMatter,
} from './service.js';

const tags = ['plan matters'];
const policy = (action: (typeof planMatterPolicy.actions)[number]) => ({ policy: { policy: planMatterPolicy, action } });

export const matterRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/plan-matters', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Major matters (the office and auditors: all; a unit: its own), searchable, filtered (overdue=true: the overdue listing)',
      querystring: matterListQuery,
      response: { 200: pageOf(matterSchema) },
    },
    handler: (req) => listMatters(deps, req.ctx, req.query),
  });
  app.post('/plan-matters', {
    config: policy('raise'),
    schema: {
      tags,
      summary: 'Raise a major matter to the office (a department or town), with urgency and evidence',
      body: raiseMatterBody,
      response: { 201: matterDetailSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await raiseMatter(deps, req.ctx, req.body)),
  });
  app.get('/plan-matters/:id', {
    config: policy('read'),
    schema: { tags, summary: 'One major matter with its evidence, answer and timeline', params: idParams, response: { 200: matterDetailSchema } },
    handler: (req) => getMatter(deps, req.ctx, req.params.id),
  });
  app.post('/plan-matters/:id/answer', {
    config: policy('answer'),
    schema: { tags, summary: 'Answer a raised matter (the office)', params: idParams, body: answerBody, response: { 200: matterDetailSchema } },
    handler: (req) => answerMatter(deps, req.ctx, req.params.id, req.body.answer),
  });
  app.post('/plan-matters/:id/escalate', {
    config: policy('escalate'),
    schema: {
      tags,
      summary: 'Refer a raised matter to the work team (the office), saying why',
      params: idParams,
      body: escalateBody,
      response: { 200: matterDetailSchema },
    },
    handler: (req) => escalateMatter(deps, req.ctx, req.params.id, req.body.note),
  });
  app.post('/plan-matters/:id/respond', {
    config: policy('respond'),
    schema: {
      tags,
      summary: 'Answer an escalated matter (the work team it was referred to)',
      params: idParams,
      body: answerBody,
      response: { 200: matterDetailSchema },
    },
    handler: (req) => respondMatter(deps, req.ctx, req.params.id, req.body.answer),
  });
  app.post('/plan-matters/:id/close', {
    config: policy('close'),
    schema: { tags, summary: 'Close an answered matter (the unit that raised it)', params: idParams, body: closeBody, response: { 200: matterDetailSchema } },
    handler: (req) => closeMatter(deps, req.ctx, req.params.id, req.body.note),
  });
  app.post('/plan-matters/:id/withdraw', {
    config: policy('withdraw'),
    schema: {
      tags,
      summary: 'Withdraw a matter not yet answered (the unit that raised it)',
      params: idParams,
      body: withdrawBody,
      response: { 200: matterDetailSchema },
    },
    handler: (req) => withdrawMatter(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.get('/plan-matters/:id/evidence/:attachmentId', {
    config: policy('read'),
    schema: {
      tags,
      summary: 'Open an evidence file of a matter: photos and PDFs inline, others (and ?download=1) as a download; audited',
      params: idParams.extend({ attachmentId: positiveId }),
      querystring: contentQuery,
    },
    handler: async (req, reply) =>
      sendAttachment(reply, await readMatterEvidence(deps, req.ctx, req.params.id, req.params.attachmentId, req.query.download), req.query),
  });
  app.get('/public/plan', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'The current plan’s published text (public, for the announcements page): title, number, preamble, actions',
      security: [],
      response: { 200: publicPlanSchema },
    },
    // Public lists read from the replica when current (db/replica.ts): nobody reads back there what they just wrote.
    handler: async () => deps.reads.read((db) => publicPlan(deps, db)),
  });
};
