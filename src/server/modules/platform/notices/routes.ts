import type { ModulePlugin } from '../../../core/module.js';
import { shanghaiDate } from '../../../core/time.js';
import { sendXlsx } from '../../../http/excel.js';
import { idParams, pageOf } from '../../../http/schema.js';
import { noticePolicy } from './policy.js';
import { exportUnconfirmed, listPublicNotices, listReaders } from './readers.js';
import {
  noticeBody,
  noticeDetailSchema,
  noticeListQuery,
  noticeSchema,
  publicNoticeQuery,
  publicNoticeSchema,
  readerSchema,
  readersQuery,
  withdrawNoticeBody,
} from './schema.js';
import { confirmNotice, createNotice, editNotice, getNotice, listNotices, publishNotice, withdrawNotice } from './service.js';

const tags = ['notices'];
const policy = (action: (typeof noticePolicy.actions)[number]) => ({ policy: { policy: noticePolicy, action } });

export const noticeRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/notices', {
    config: policy('list'),
    schema: {
      tags,
      summary: 'Notices and policy explanations (the office: all, drafts too; others: the published ones addressed to them), searchable',
      querystring: noticeListQuery,
      response: { 200: pageOf(noticeSchema) },
    },
    handler: (req) => listNotices(deps, req.ctx, req.query),
  });
  app.post('/notices', {
    config: policy('create'),
    schema: {
      tags,
      summary: 'Draft a notice (the office): to every unit, to chosen units, or to the public',
      body: noticeBody,
      response: { 201: noticeDetailSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await createNotice(deps, req.ctx, req.body)),
  });
  app.get('/notices/:id', {
    config: policy('read'),
    schema: { tags, summary: 'One notice (with, for the office, its confirmations and timeline)', params: idParams, response: { 200: noticeDetailSchema } },
    handler: (req) => getNotice(deps, req.ctx, req.params.id),
  });
  app.put('/notices/:id', {
    config: policy('edit'),
    schema: { tags, summary: 'Change a draft notice (the office)', params: idParams, body: noticeBody, response: { 200: noticeDetailSchema } },
    handler: (req) => editNotice(deps, req.ctx, req.params.id, req.body),
  });
  app.post('/notices/:id/publish', {
    config: policy('publish'),
    schema: { tags, summary: 'Publish a draft notice (the office); the units addressed are notified', params: idParams, response: { 200: noticeDetailSchema } },
    handler: (req) => publishNotice(deps, req.ctx, req.params.id),
  });
  app.post('/notices/:id/withdraw', {
    config: policy('withdraw'),
    schema: {
      tags,
      summary: 'Withdraw a published notice with a reason (the office)',
      params: idParams,
      body: withdrawNoticeBody,
      response: { 200: noticeDetailSchema },
    },
    handler: (req) => withdrawNotice(deps, req.ctx, req.params.id, req.body.reason),
  });
  app.post('/notices/:id/confirm', {
    config: policy('confirm'),
    schema: {
      tags,
      summary: 'Confirm my organisation has read a notice addressed to it (签阅; a department or town)',
      params: idParams,
      response: { 200: noticeDetailSchema },
    },
    handler: (req) => confirmNotice(deps, req.ctx, req.params.id),
  });
  app.get('/notices/:id/readers', {
    config: policy('readers'),
    schema: {
      tags,
      summary: 'The organisations a notice addresses with who confirmed and when, those not confirmed first (the office, auditors)',
      params: idParams,
      querystring: readersQuery,
      response: { 200: pageOf(readerSchema) },
    },
    handler: (req) => listReaders(deps, req.ctx, req.params.id, req.query),
  });
  app.get('/notices/:id/unconfirmed.xlsx', {
    config: policy('readers'),
    schema: { tags, summary: 'The organisations that have not confirmed a notice, as an Excel file', params: idParams },
    handler: async (req, reply) => {
      const { buffer } = await exportUnconfirmed(deps, req.ctx, req.params.id);
      return sendXlsx(reply, `未签阅单位-${req.params.id}-${shanghaiDate()}.xlsx`, buffer);
    },
  });
  app.get('/public/notices', {
    config: { policy: 'public' },
    schema: {
      tags,
      summary: 'Published public notices and policy explanations, newest first (public, no sign-in)',
      security: [],
      querystring: publicNoticeQuery,
      response: { 200: pageOf(publicNoticeSchema) },
    },
    // Public lists read from the replica when current (db/replica.ts): nobody reads back there what they just wrote.
    handler: async (req) => deps.reads.read((db) => listPublicNotices(deps, req.query, db)),
  });
};
