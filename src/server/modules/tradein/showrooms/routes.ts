import type { ModulePlugin } from '../../../core/module.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams } from '../../../http/schema.js';
import { exportShowrooms } from './exportFile.js';
import { findShowrooms } from './finder.js';
import { showroomPolicy } from './policy.js';
import { exportShowroomsQuery, listShowroomsQuery, publicShowroomPage, publicShowroomsQuery, showroomInput, showroomPage, showroomView } from './schema.js';
import { createShowroom, listShowrooms, setShowroomStatus, updateShowroom } from './service.js';

const tags = ['trade-in showrooms'];
const policy = (action: Parameters<typeof showroomPolicy.can>[1]) => ({ policy: { policy: showroomPolicy, action } });
const fields =
  '400 with field reasons: offline needs townId (an active town) and address, online needs url (http/https); programIds.<i> when the business has no pending or approved enrolment in that programme.';

/** Smart-home showrooms and home-renovation sample rooms: the business's own register and the residents' finder. */
export const showroomRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/showrooms', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Showrooms and sample rooms (a business sees its own; supervisors all), filtered, sorted and paged',
      querystring: listShowroomsQuery,
      response: { 200: showroomPage },
    },
    handler: (req) => listShowrooms(deps, req.ctx, req.query),
  });
  app.get('/tradein/showrooms/export', {
    config: policy('export'),
    schema: { tags, summary: 'The filtered showrooms as Excel (supervisors; labels in the caller’s language)', querystring: exportShowroomsQuery },
    handler: async (req, reply) => {
      const { filename, buffer } = await exportShowrooms(deps, req.ctx, req.query);
      return sendXlsx(reply, filename, buffer);
    },
  });
  app.post('/tradein/showrooms', {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Register a showroom or sample room of my business (open at once)',
      description: fields,
      body: showroomInput,
      response: { 201: showroomView },
    },
    handler: async (req, reply) => reply.code(201).send(await createShowroom(deps, req.ctx, req.body)),
  });
  app.put('/tradein/showrooms/:id', {
    config: policy('update'),
    schema: {
      tags,
      summary: 'Change a showroom of my business (everything but its status)',
      description: fields,
      params: idParams,
      body: showroomInput,
      response: { 200: showroomView },
    },
    handler: (req) => updateShowroom(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/tradein/showrooms/:id/close', {
    config: policy('setStatus'),
    schema: {
      tags,
      summary: 'Close a showroom: it leaves the residents’ finder (409 INVALID_STATE when closed already)',
      params: idParams,
      response: { 200: showroomView },
    },
    handler: (req) => setShowroomStatus(deps, req.ctx, req.params.id, 'closed'),
  });
  app.post('/tradein/showrooms/:id/reopen', {
    config: policy('setStatus'),
    schema: { tags, summary: 'Reopen a closed showroom (409 INVALID_STATE when open)', params: idParams, response: { 200: showroomView } },
    handler: (req) => setShowroomStatus(deps, req.ctx, req.params.id, 'open'),
  });
  app.get('/tradein/public/showrooms', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary:
        'Showroom finder (public): open showrooms and sample rooms of businesses approved in a running programme, by kind, channel, town, programme and name, paged',
      querystring: publicShowroomsQuery,
      response: { 200: publicShowroomPage },
    },
    handler: (req) => findShowrooms(deps, req.query),
  });
};
