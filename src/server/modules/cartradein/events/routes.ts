import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { idParams } from '../../../http/schema.js';
import { promotionEventPolicy } from '../policies/event.js';
import { eventMerchantOptions, getPromotionEvent, listPromotionEvents, promotionEventCalendar } from './queries.js';
import {
  calendarQuery,
  cancelEventBody,
  eventDetailView,
  eventInput,
  eventPage,
  eventResultsBody,
  listEventsQuery,
  merchantOptions,
  merchantOptionsQuery,
  publicEventView,
} from './schema.js';
import { cancelPromotionEvent, createPromotionEvent, publishPromotionEvent, reportPromotionEventResults, updatePromotionEvent } from './service.js';

const tags = ['promotion events'];
const policy = (action: (typeof promotionEventPolicy.actions)[number]) => ({ policy: { policy: promotionEventPolicy, action } });

export const promotionEventRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/events/calendar', {
    // Public: the request needs no session; the service still asks the policy (which lets everybody read it).
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Public calendar of published promotion events (no login)',
      description:
        'Published (and held) events overlapping [from, to] (default: today to 90 days on), soonest first; no drafts, no cancelled ones, no results.',
      security: [],
      querystring: calendarQuery,
      response: { 200: z.array(publicEventView) },
    },
    handler: (req) => promotionEventCalendar(deps, req.ctx, req.query),
  });
  app.get('/tradein/events/merchant-options', {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Enterprises an organiser may name as participants (active enterprises, by name; 50 at most)',
      querystring: merchantOptionsQuery,
      response: { 200: merchantOptions },
    },
    handler: (req) => eventMerchantOptions(deps, req.ctx, req.query),
  });
  app.get('/tradein/events', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Promotion events with their results, newest first (drafts only to their organiser, managers and auditors)',
      querystring: listEventsQuery,
      response: { 200: eventPage },
    },
    handler: (req) => listPromotionEvents(deps, req.ctx, req.query),
  });
  app.post('/tradein/events', {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Register a promotion event as a draft (市商务局, the office, a town or an enterprise; the caller’s organisation organises it)',
      body: eventInput,
      response: { 201: eventDetailView },
    },
    handler: async (req, reply) => reply.code(201).send(await createPromotionEvent(deps, req.ctx, req.body)),
  });
  app.get('/tradein/events/:id', {
    config: policy('read'),
    schema: { tags, summary: 'One promotion event with its timeline', params: idParams, response: { 200: eventDetailView } },
    handler: (req) => getPromotionEvent(deps, req.ctx, req.params.id),
  });
  app.put('/tradein/events/:id', {
    config: policy('update'),
    schema: {
      tags,
      summary: 'Change an event in draft or after publication (its organiser, or 市商务局/the office); not once cancelled',
      params: idParams,
      body: eventInput,
      response: { 200: eventDetailView },
    },
    handler: (req) => updatePromotionEvent(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/events/:id/publish', {
    config: policy('publish'),
    schema: {
      tags,
      summary: 'Publish a draft: it goes on the public calendar and counts in the plan’s event indicators',
      params: idParams,
      response: { 200: eventDetailView },
    },
    handler: (req) => publishPromotionEvent(deps, req.ctx, req.params.id),
  });
  app.post('/tradein/events/:id/results', {
    config: policy('reportResults'),
    schema: {
      tags,
      summary: 'Report (or correct) the results of a published event once it has started; it then counts as held',
      params: idParams,
      body: eventResultsBody,
      response: { 200: eventDetailView },
    },
    handler: (req) => reportPromotionEventResults(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/events/:id/cancel', {
    config: policy('cancel'),
    schema: {
      tags,
      summary: 'Cancel a draft or published event, with a reason (not one already held)',
      params: idParams,
      body: cancelEventBody,
      response: { 200: eventDetailView },
    },
    handler: (req) => cancelPromotionEvent(deps, req.ctx, req.params.id, req.body),
  });
};
