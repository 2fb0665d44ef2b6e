import type { ModulePlugin } from '../../../core/module.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { pickupPolicy } from '../policies/pickup.js';
import {
  bookedView,
  bookPickupBody,
  completedView,
  completePickupBody,
  confirmBody,
  pickupDetailView,
  pickupListQuery,
  pickupView,
  reasonBody,
  rescheduleBody,
} from './schema.js';
import {
  acceptPickup,
  bookPickup,
  cancelPickup,
  completePickup,
  confirmPickup,
  disputePickup,
  getPickup,
  listAllPickups,
  listAssignedPickups,
  listMyPickups,
  listOpenPickups,
  noShowPickup,
  reschedulePickup,
} from './service.js';

const tags = ['recycling'];
const page = pageOf(pickupView);

export const pickupRoutes: ModulePlugin = async (app, { deps }) => {
  app.post('/recycling/pickups', {
    config: { policy: { policy: pickupPolicy, action: 'book' } },
    schema: {
      tags,
      summary: 'A resident books a pickup (互联网＋回收): items by category, address, town, a window in the booking horizon',
      description: 'Furniture goes to the bulky-furniture transfer points and is booked apart from appliances and devices.',
      body: bookPickupBody,
      response: { 201: bookedView },
    },
    handler: async (req, reply) => reply.code(201).send(await bookPickup(deps, req.ctx, req.body)),
  });
  app.get('/recycling/pickups/mine', {
    config: { policy: { policy: pickupPolicy, action: 'listMine' } },
    schema: { tags, summary: 'The resident’s own bookings, newest first', querystring: pickupListQuery, response: { 200: page } },
    handler: (req) => listMyPickups(deps, req.ctx, req.query),
  });
  app.get('/recycling/pickups/open', {
    config: { policy: { policy: pickupPolicy, action: 'listOpen' } },
    schema: {
      tags,
      summary: 'Open bookings of the towns the recycler serves (where it operates a site; furniture: a transfer point)',
      querystring: pickupListQuery,
      response: { 200: page },
    },
    handler: (req) => listOpenPickups(deps, req.ctx, req.query),
  });
  app.get('/recycling/pickups/assigned', {
    config: { policy: { policy: pickupPolicy, action: 'listAssigned' } },
    schema: { tags, summary: 'Bookings the recycler accepted', querystring: pickupListQuery, response: { 200: page } },
    handler: (req) => listAssignedPickups(deps, req.ctx, req.query),
  });
  app.get('/recycling/pickups', {
    config: { policy: { policy: pickupPolicy, action: 'listAll' } },
    schema: { tags, summary: 'Every booking (市商务局, the office, auditors)', querystring: pickupListQuery, response: { 200: page } },
    handler: (req) => listAllPickups(deps, req.ctx, req.query),
  });
  app.get('/recycling/pickups/:id', {
    config: { policy: { policy: pickupPolicy, action: 'read' } },
    schema: { tags, summary: 'One booking with its timeline and certificates', params: idParams, response: { 200: pickupDetailView } },
    handler: (req) => getPickup(deps, req.ctx, req.params.id),
  });
  app.post('/recycling/pickups/:id/accept', {
    config: { policy: { policy: pickupPolicy, action: 'accept' } },
    schema: {
      tags,
      summary: 'A recycler serving the town takes the booking',
      description: 'Of two recyclers accepting at once one wins; the other gets 409 INVALID_STATE.',
      params: idParams,
      response: { 200: pickupDetailView },
    },
    handler: (req) => acceptPickup(deps, req.ctx, req.params.id),
  });
  app.post('/recycling/pickups/:id/complete', {
    config: { policy: { policy: pickupPolicy, action: 'complete' } },
    schema: {
      tags,
      summary: 'The assigned recycler records what was handed in; one certificate per unit',
      description: 'Phones, computers, tablets and watches need `dataWipe` (method, by whom, when).',
      params: idParams,
      body: completePickupBody,
      response: { 200: completedView },
    },
    handler: (req) => completePickup(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/recycling/pickups/:id/no-show', {
    config: { policy: { policy: pickupPolicy, action: 'noShow' } },
    schema: {
      tags,
      summary: 'The assigned recycler could not collect (nobody home, items not there)',
      params: idParams,
      body: reasonBody,
      response: { 200: pickupDetailView },
    },
    handler: (req) => noShowPickup(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post('/recycling/pickups/:id/confirm', {
    config: { policy: { policy: pickupPolicy, action: 'confirm' } },
    schema: {
      tags,
      summary: 'The resident confirms a completed pickup and rates it 1–5',
      params: idParams,
      body: confirmBody,
      response: { 200: pickupDetailView },
    },
    handler: (req) => confirmPickup(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/recycling/pickups/:id/dispute', {
    config: { policy: { policy: pickupPolicy, action: 'dispute' } },
    schema: {
      tags,
      summary: 'The resident disputes a completed pickup; 市商务局 is told',
      params: idParams,
      body: reasonBody,
      response: { 200: pickupDetailView },
    },
    handler: (req) => disputePickup(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post('/recycling/pickups/:id/cancel', {
    config: { policy: { policy: pickupPolicy, action: 'cancel' } },
    schema: { tags, summary: 'The resident cancels before completion, with a reason', params: idParams, body: reasonBody, response: { 200: pickupDetailView } },
    handler: (req) => cancelPickup(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post('/recycling/pickups/:id/reschedule', {
    config: { policy: { policy: pickupPolicy, action: 'reschedule' } },
    schema: {
      tags,
      summary: 'The resident moves the window (after a no-show the booking is open again)',
      params: idParams,
      body: rescheduleBody,
      response: { 200: pickupDetailView },
    },
    handler: (req) => reschedulePickup(deps, req.ctx, req.params.id, req.body),
  });
};
