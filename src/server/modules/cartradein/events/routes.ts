import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { promotionEventPolicy } from '../policies/event.js';
import { calendarQuery, eventInput, eventResultsBody, eventView, listEventsQuery, publicEventView } from './schema.js';
import {
  cancelPromotionEvent,
  createPromotionEvent,
  getPromotionEvent,
  listPromotionEvents,
  promotionEventCalendar,
  reportPromotionEventResults,
  updatePromotionEvent,
} from './service.js';
import { idParams } from '../../../http/schema.js';

const tags = ['promotion events'];
const policy = (action: (typeof promotionEventPolicy.actions)[number]) => ({ policy: { policy: promotionEventPolicy, action } });

export const promotionEventRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/events/calendar', {
    // Public: the request needs no session; the service still asks the policy (which lets everybody read it).
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Public calendar of upcoming promotion events (no login)',
      description: 'Events overlapping [from, to] (default: today to 90 days on), not cancelled, soonest first.',
      security: [],
      querystring: calendarQuery,
      response: { 200: z.array(publicEventView) },
    },
    handler: (req) => promotionEventCalendar(deps, req.ctx, req.query),
  });
  app.get('/tradein/events', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Promotion events with their results (officials, businesses, auditors)',
      querystring: listEventsQuery,
      response: { 200: z.array(eventView) },
    },
    handler: (req) => listPromotionEvents(deps, req.ctx, req.query),
  });
  app.post('/tradein/events', {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Register a promotion event (市商务局, the office, a town or an enterprise; the caller’s organisation organises it)',
      body: eventInput,
      response: { 201: eventView },
    },
    handler: async (req, reply) => reply.code(201).send(await createPromotionEvent(deps, req.ctx, req.body)),
  });
  app.get('/tradein/events/:id', {
    config: policy('read'),
    schema: { tags, summary: 'One promotion event', params: idParams, response: { 200: eventView } },
    handler: (req) => getPromotionEvent(deps, req.ctx, req.params.id),
  });
  app.put('/tradein/events/:id', {
    config: policy('update'),
    schema: { tags, summary: 'Change an event (its organiser, or 市商务局/the office)', params: idParams, body: eventInput, response: { 200: eventView } },
    handler: (req) => updatePromotionEvent(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/events/:id/results', {
    config: policy('reportResults'),
    schema: {
      tags,
      summary: 'Report (or correct) the results once the event has started; it then counts as held',
      params: idParams,
      body: eventResultsBody,
      response: { 200: eventView },
    },
    handler: (req) => reportPromotionEventResults(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/events/:id/cancel', {
    config: policy('cancel'),
    schema: { tags, summary: 'Cancel a planned event', params: idParams, response: { 200: eventView } },
    handler: (req) => cancelPromotionEvent(deps, req.ctx, req.params.id),
  });
};
